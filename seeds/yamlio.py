"""Reading and writing the seed YAML strictly: what is read is what was written, and nothing is guessed.

The loader (PyYAML's safe loader, tightened) refuses a key given twice in one
mapping, keeps dates as text for the schema to validate (an impossible date is a
named field error, not a loader crash) and refuses more than a few aliases (an
"alias bomb" would otherwise expand into millions of nodes). The dumper writes
Unicode line and paragraph separators (U+0085, U+2028, U+2029) as escapes, which
PyYAML would otherwise fold into a space or a line break on reading.
"""

from __future__ import annotations

import yaml

MAX_ALIASES = 10  # the seeds use none; a few are a hand-written convenience, hundreds an "alias bomb"
_BREAKS = ("\x85", "\u2028", "\u2029", "\r")


class SeedYAMLError(yaml.YAMLError):
    """A structural problem PyYAML would let through; `problem_mark` says where."""

    def __init__(self, problem: str, mark=None):
        super().__init__(problem)
        self.problem, self.problem_mark = problem, mark


class StrictLoader(yaml.SafeLoader):
    """yaml.SafeLoader without timestamps, with duplicate keys and alias floods refused."""

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise SeedYAMLError(f"more than {MAX_ALIASES} aliases (*name); write the values out", self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key_node, _value in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                except TypeError:
                    raise SeedYAMLError(f"a key must be text, not {type(key).__name__}", key_node.start_mark) from None
                if duplicate:
                    raise SeedYAMLError(f"key {key!r} given twice in one mapping", key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay text: the schema parses them and names the field when one is impossible ("2023-02-30").
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str):
    """The data of one YAML document, read strictly (raises yaml.YAMLError with a mark)."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader is a SafeLoader


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = '"' if any(ch in value for ch in _BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data) -> str:
    """Block-style YAML that `load` reads back to equal data (checked: a write never alters a value)."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    if load(text) != data:
        raise ValueError("the YAML writer would alter a value; refusing to write it")
    return text
