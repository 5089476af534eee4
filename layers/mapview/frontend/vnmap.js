/* The map view's browser side (see layers/mapview/__init__.py).
 *
 * It runs in the app's page (a Streamlit components v2 element, no iframe): layers/mapview/__init__.py's loader
 * makes one instance per mounted map, hands it the component's arguments (render) and a bridge that sends the
 * user's events back to Python. No build step. The dataset's features are fetched once (a content-hashed static file) and
 * drawn once, each partner into a Leaflet pane of its own: ticking a partner, in the sidebar or in the
 * layer control, shows or hides that pane. Other filters arrive as the positions of the features in
 * view. The map itself is never rebuilt, so the user's zoom and centre stay where they put them.
 */
window.vnmapInstance = function (bridge) {
  "use strict";
  var vnmap = (window.vnmap = {});
  var map, control, data = null, dataUrl = null, loading = null, args = null;
  var panes = {}, groups = {}, switches = {}, members = [], shown = null, lastInView = null;
  var syncing = false, lastFocus = null, lastClicked = null, sent = 0, pageListeners = [];
  var unreviewed = null, unreviewedKey = null, notice = null, legend = null, zoomTo = null, icons = {};
  var dots = {}, projected = null, hoverTip = null, dotPopup = null;  // compact mode: one dot canvas per partner
  var opened = null;  // the open popup and the partner whose feature it belongs to: hiding another partner leaves it open
  var partnersSent = 0;  // layer-control toggles sent; a rerun's partners count only once it has heard the last one

  function send(value) {
    sent += 1;
    value.nonce = Date.now() + "-" + sent;  // the same event twice is still a change
    bridge.send(value);
  }

  function text(tag, value, css) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (css) { el.setAttribute("style", css); }
    return el;
  }

  function say(message, isError) {  // a line over the map: loading (the skeleton) or what went wrong
    if (notice && notice.textContent === message && notice.style.color === (isError ? "rgb(164, 0, 0)" : "rgb(51, 51, 51)")) { return; }
    if (!notice) {
      notice = L.DomUtil.create("div", "vnmap-notice", map.getContainer());
      notice.setAttribute("style", "position:absolute;z-index:1000;left:50%;top:45%;transform:translate(-50%,-50%);background:rgba(255,255,255,.95);" +
        "padding:8px 14px;border-radius:6px;font:14px sans-serif;box-shadow:0 1px 5px rgba(0,0,0,.35);max-width:80%");
    }
    notice.textContent = message;
    notice.style.color = isError ? "#a40000" : "#333";
    notice.style.display = message ? "" : "none";
  }

  var PaneSwitch = L.Layer.extend({  // what the layer control ticks: a partner's pane shown or hidden, its features kept drawn
    onAdd: function () { this._vnmapPane.style.display = ""; },
    onRemove: function () { closePopupOf(this._vnmapPartner); this._vnmapPane.style.display = "none"; }  // however it was unticked
  });

  function paneSwitch(key, pane) {
    var s = new PaneSwitch();
    s._vnmapPane = pane;
    s._vnmapPartner = key;
    return s;
  }

  // Above RICH_LIMIT features (layers/compact.py) every point of a partner is drawn by one canvas from the data's
  // arrays, with no Leaflet object per feature (125,000 circle markers took seconds to make and to draw). It is a
  // Leaflet canvas renderer, so it follows pans and zoom animations as Leaflet's own do; clicks and hovers are
  // answered at the map by the nearest dot drawn (dotAt).
  var DOT_RADIUS = 5;
  var DotCanvas = L.Canvas.extend({
    setDots: function (positions, colour) { this._positions = positions; this._colour = colour; this._sprites = null; },
    _initContainer: function () {
      L.Canvas.prototype._initContainer.call(this);
      this._container.style.pointerEvents = "none";  // events go to the map, which finds the dot (a canvas per partner would hide the ones below)
    },
    // A dot drawn once into a small canvas, then stamped at every position: one path of 100,000 arcs took the
    // browser seconds to rasterise at each redraw (a pan), a stamp per dot takes a fraction of that.
    _sprite: function (approx) {
      if (!this._sprites) { this._sprites = []; }
      if (this._sprites[approx]) { return this._sprites[approx]; }
      var m = L.Browser.retina ? 2 : 1, r = DOT_RADIUS, width = approx ? 1 : 2, size = 2 * r + width + 2, half = size / 2;
      var canvas = document.createElement("canvas");
      canvas.width = canvas.height = size * m;
      var g = canvas.getContext("2d");
      g.scale(m, m);
      g.beginPath();
      g.arc(half, half, r, 0, 2 * Math.PI);
      g.globalAlpha = approx ? 0.6 : 0.95;  // exact places solid with a white ring, approximate ones faded with a dark hairline
      g.fillStyle = this._colour;
      g.fill();
      g.globalAlpha = 1;
      g.lineWidth = width;
      g.strokeStyle = approx ? "#333" : "#fff";
      g.stroke();
      this._sprites[approx] = {canvas: canvas, size: size, half: half};
      return this._sprites[approx];
    },
    _draw: function () {
      L.Canvas.prototype._draw.call(this);
      if (!this._map || !this._positions) { return; }
      var ctx = this._ctx, b = this._bounds, scale = this._map.getZoomScale(this._map.getZoom(), 0), origin = this._map.getPixelOrigin();
      var r = DOT_RADIUS, lo_x = b.min.x - r, lo_y = b.min.y - r, hi_x = b.max.x + r, hi_y = b.max.y + r;
      for (var pass = 0; pass < 2; pass++) {  // approximate places first, exact ones drawn over them
        var approx = 1 - pass, sprite = this._sprite(approx), canvas = sprite.canvas, size = sprite.size, half = sprite.half;
        var stamped = new Set();  // a dot already stamped at the same pixel would be drawn again under itself: skipped
        for (var k = 0; k < this._positions.length; k++) {
          var i = this._positions[k];
          if (!shown[i] || (data.approx[i] ? 1 : 0) !== approx) { continue; }
          var x = projected[2 * i] * scale - origin.x, y = projected[2 * i + 1] * scale - origin.y;
          if (x < lo_x || x > hi_x || y < lo_y || y > hi_y) { continue; }
          var pixel = Math.round(x - lo_x) * 65536 + Math.round(y - lo_y);
          if (stamped.has(pixel)) { continue; }
          stamped.add(pixel);
          ctx.drawImage(canvas, x - half, y - half, size, size);
        }
      }
    }
  });

  function dotAt(layerPoint) {  // the shown dot nearest a point of the map (within its radius and a little), topmost partner first
    var best = null, bestD = (DOT_RADIUS + 3) * (DOT_RADIUS + 3), scale = map.getZoomScale(map.getZoom(), 0), origin = map.getPixelOrigin();
    var keys = Object.keys(dots).reverse();
    for (var n = 0; n < keys.length; n++) {
      var key = keys[n], positions = dots[key]._positions;
      if (panes[key].style.display === "none") { continue; }
      for (var k = 0; k < positions.length; k++) {
        var i = positions[k];
        if (!shown[i]) { continue; }
        var dx = projected[2 * i] * scale - origin.x - layerPoint.x, dy = projected[2 * i + 1] * scale - origin.y - layerPoint.y, dd = dx * dx + dy * dy;
        if (dd < bestD) { bestD = dd; best = {i: i, partner: key}; }
      }
      if (best) { return best; }
    }
    return null;
  }

  function dotEvents() {
    var pending = null;
    map.on("click", function (e) {
      var hit = Object.keys(dots).length ? dotAt(e.layerPoint) : null;
      if (!hit) { return; }
      dotPopup = {i: hit.i, popup: L.popup(popupOptions()).setLatLng(data.xy[hit.i]).setContent(compactPopup(hit.i, hit.partner))};
      dotPopup.popup.openOn(map);
      opened = {popup: dotPopup.popup, partner: hit.partner};
      lastClicked = data.id[hit.i];
      send({event: "select", id: lastClicked});
    });
    map.on("mousemove", function (e) {
      if (!Object.keys(dots).length) { return; }
      var at = e.layerPoint;
      if (pending) { pending = at; return; }  // one search per animation frame
      pending = at;
      requestAnimationFrame(function () {
        var hit = dotAt(pending);
        pending = null;
        map.getContainer().style.cursor = hit ? "pointer" : "";
        if (!hit) { if (hoverTip) { map.closeTooltip(hoverTip); hoverTip = null; } return; }
        hoverTip = hoverTip || L.tooltip({direction: "top", offset: [0, -DOT_RADIUS]});
        hoverTip.setLatLng(data.xy[hit.i]).setContent(text("span", data.name[hit.i]));
        if (!map.hasLayer(hoverTip)) { map.openTooltip(hoverTip); }
      });
    });
  }

  function closePopupOf(key) {
    if (opened && opened.partner === key) { map.closePopup(opened.popup); }
  }

  function redrawDots() {
    Object.keys(dots).forEach(function (k) { dots[k]._redraw(); });
    if (dotPopup && !shown[dotPopup.i]) { map.closePopup(dotPopup.popup); dotPopup = null; }
  }

  function popupOptions() {
    var size = map.getSize();
    return {maxWidth: Math.max(200, Math.min(340, size.x - 70)), maxHeight: Math.max(160, size.y - 110), autoPanPadding: [12, 12]};
  }

  function richPopup(html) {
    var box = document.createElement("div");
    box.innerHTML = html;  // built and HTML-escaped on the server (layers/detail.py)
    return box;
  }

  function compactPopup(i, partner) {
    var d = data, box = document.createElement("div"), p = d.partners.find(function (x) { return x.key === partner; });
    box.className = "vnmap-popup";
    box.appendChild(text("b", d.name[i]));
    box.appendChild(text("div", "Partner: " + (p ? p.label : partner) + " · " + d.categories[d.cat[i]]));
    if (d.fund[i]) { box.appendChild(text("div", "Funding: " + d.fund[i])); }
    box.appendChild(text("div", "Location: " + d.precision_labels[d.prec[i]] + " (precision " + d.prec[i] + ")"));
    box.appendChild(text("div", "The sources open in the detail panel below the map.", "color:#555"));
    return box;
  }

  function identify(layer) {  // tooltip, popup and the id the server needs: bound up front (rich) or on first use (compact)
    if (layer.feature) { return; }
    var i = layer._vnmapIndex, d = data;
    layer.feature = {type: "Feature", properties: {id: d.id[i], partner: layer._vnmapPartner, popup_html: d.popup ? d.popup[i] : null}};
    layer.bindTooltip(function () { return text("span", d.name[i]); });
    layer.bindPopup(function () { return d.popup ? richPopup(d.popup[i]) : compactPopup(i, layer._vnmapPartner); }, popupOptions());
  }

  function icon(key) {
    if (!icons[key]) { icons[key] = L.divIcon({html: data.icons[key], className: "vnmap-marker", iconSize: [28, 28], iconAnchor: [14, 14]}); }
    return icons[key];
  }

  function draw(i, p, renderer) {
    var d = data, path = d.paths[i], approx = d.approx[i], pane = "vnmap-" + p.key, layer;
    if (path) {
      var options = Object.assign({}, d.path_styles[(path.polygon ? "area" : "line") + "|" + approx],
                                  {color: p.colour, fillColor: p.colour, pane: pane, renderer: renderer, smoothFactor: 1.5});
      layer = path.polygon ? L.polygon(path.rings, options) : L.polyline(path.rings, options);
    } else {  // a point of a rich map (a compact map's points are dots: DotCanvas)
      layer = L.marker(d.xy[i], {icon: icon(p.key + "|" + d.categories[d.cat[i]] + "|" + approx), pane: pane});
    }
    layer._vnmapIndex = i;
    layer._vnmapPartner = p.key;
    if (d.rich) { identify(layer); }
    return layer;
  }

  function clear() {
    Object.keys(groups).forEach(function (k) { map.removeLayer(groups[k]); });
    Object.keys(switches).forEach(function (k) { map.removeLayer(switches[k]); control.removeLayer(switches[k]); });
    Object.keys(dots).forEach(function (k) { map.removeLayer(dots[k]); });
    groups = {}; switches = {}; members = []; shown = null; lastInView = null; icons = {}; dots = {}; projected = null;
  }

  function build(d, url) {
    clear();
    data = d; dataUrl = url;
    // Framed before anything is drawn: a later fitBounds would draw every canvas a second time.
    if (!map._vnmapFramed) { map._vnmapFramed = true; map.fitBounds(d.frames.region, {animate: false}); }
    var made = {};
    d.partners.forEach(function (p) {
      var name = "vnmap-" + p.key;
      var pane = map.getPane(name) || map.createPane(name);
      pane.style.zIndex = 450;  // every data pane above the basemap panes (tiles 200, outlines 250)
      pane.style.display = "none";  // until the server says it is ticked
      panes[p.key] = pane;
      made[p.key] = {group: L.featureGroup(), renderer: d.rich ? L.svg({pane: name}) : L.canvas({pane: name, padding: 0.1})};
    });
    var n = d.id.length, asDots = !d.rich, dotLists = {};
    members = new Array(n);
    shown = new Uint8Array(n).fill(1);
    if (asDots) { projected = new Float64Array(2 * n); }
    for (var i = 0; i < n; i++) {
      var keys = d.layers[i], layers = [];
      if (asDots && d.xy[i]) {  // a point: a dot of each of its partners' canvases, no Leaflet object
        var at = map.project(d.xy[i], 0);
        projected[2 * i] = at.x; projected[2 * i + 1] = at.y;
        for (var q = 0; q < keys.length; q++) { (dotLists[d.partners[keys[q]].key] = dotLists[d.partners[keys[q]].key] || []).push(i); }
      } else {
        for (var j = 0; j < keys.length; j++) {
          var p = d.partners[keys[j]], layer = draw(i, p, made[p.key].renderer);
          made[p.key].group.addLayer(layer);
          layers.push(layer);
        }
      }
      members[i] = layers;
    }
    Object.keys(dotLists).forEach(function (key) {
      var p = d.partners.find(function (x) { return x.key === key; });
      dots[key] = new DotCanvas({pane: "vnmap-" + key, padding: 0.1});
      dots[key].setDots(Int32Array.from(dotLists[key]), p.colour);
      dots[key].addTo(map);
    });
    d.partners.forEach(function (p) {
      var group = made[p.key].group;
      group.on("popupopen", function (e) { opened = {popup: e.popup, partner: p.key}; });  // a feature's own popup
      group.on("click", function (e) {
        var layer = e.layer;
        if (!layer.feature) { identify(layer); layer.openPopup(e.latlng); }
        lastClicked = layer.feature.properties.id;
        send({event: "select", id: lastClicked});
      });
      if (!d.rich) { group.on("mouseover", function (e) { if (!e.layer.feature) { identify(e.layer); e.layer.openTooltip(e.latlng); } }); }
      groups[p.key] = group.addTo(map);
      switches[p.key] = paneSwitch(p.key, panes[p.key]);
      control.addOverlay(switches[p.key], p.label + (p.count !== null && p.count !== undefined ? " (" + p.count + ")" : ""));
    });
    showLegend(d);
    showZoomTo(d.frames);
  }

  function filter(inView) {  // positions of the features the other filters keep; null: all of them
    if (inView === lastInView) { return; }
    if (inView && lastInView && inView.length === lastInView.length && inView.every(function (v, k) { return v === lastInView[k]; })) { return; }
    lastInView = inView;
    var keep = null;
    if (inView) { keep = new Uint8Array(members.length); for (var k = 0; k < inView.length; k++) { keep[inView[k]] = 1; } }
    for (var i = 0; i < members.length; i++) {
      var on = keep ? keep[i] : 1;
      if (on === shown[i]) { continue; }
      shown[i] = on;
      members[i].forEach(function (layer) {
        var group = groups[layer._vnmapPartner];
        if (on) { group.addLayer(layer); } else { if (layer.isPopupOpen && layer.isPopupOpen()) { layer.closePopup(); } group.removeLayer(layer); }
      });
    }
    redrawDots();
  }

  function showPartners(partners) {
    var want = {};
    partners.forEach(function (k) { want[k] = true; });
    data.partners.forEach(function (p) {
      var s = switches[p.key];
      if (want[p.key] && !map.hasLayer(s)) { map.addLayer(s); }
      if (!want[p.key] && map.hasLayer(s)) { map.removeLayer(s); }
    });
  }

  function visiblePartners() {
    return data.partners.filter(function (p) { return map.hasLayer(switches[p.key]); }).map(function (p) { return p.key; });
  }

  function focus(id) {  // a feature chosen in the list: pan to it, keep the user's zoom
    if (id === lastFocus) { return; }
    lastFocus = id;
    if (!id || id === lastClicked) { return; }
    var i = data.id.indexOf(id);
    if (i < 0) { return; }
    var target = data.xy[i] ? L.latLng(data.xy[i]) : L.latLngBounds([].concat.apply([], data.paths[i].rings)).getCenter();
    map.panTo(target, {animate: false});
  }

  function drawUnreviewed(items) {  // this session's candidates: sent with the arguments, never in the shared data file
    var key = JSON.stringify(items);
    if (key === unreviewedKey) { return; }
    unreviewedKey = key;
    if (unreviewed) { map.removeLayer(unreviewed.group); map.removeLayer(unreviewed.toggle); control.removeLayer(unreviewed.toggle); unreviewed = null; }
    if (!items.length) { return; }
    var name = "vnmap-unreviewed", pane = map.getPane(name) || map.createPane(name);
    pane.style.zIndex = 460;
    var renderer = L.svg({pane: name}), group = L.featureGroup();
    var mark = L.divIcon({html: data.unreviewed_icon, className: "vnmap-marker", iconSize: [28, 28], iconAnchor: [14, 14]});
    items.forEach(function (c) {
      var layer = c.xy ? L.marker(c.xy, {icon: mark, pane: name})
        : (c.polygon ? L.polygon : L.polyline)(c.rings, Object.assign({pane: name, renderer: renderer}, data.unreviewed_style));
      layer.feature = {type: "Feature", properties: {id: c.id, partner: "UNREVIEWED", popup_html: c.popup}};
      layer.bindTooltip(function () { return text("span", c.name); });
      layer.bindPopup(function () { return richPopup(c.popup); }, popupOptions());
      group.addLayer(layer);
    });
    group.on("popupopen", function (e) { opened = {popup: e.popup, partner: "UNREVIEWED"}; });
    var toggle = paneSwitch("UNREVIEWED", pane);
    unreviewed = {group: group.addTo(map), toggle: toggle};
    map.addLayer(toggle);
    control.addOverlay(toggle, "Unreviewed candidates (" + items.length + ")");
  }

  function showLegend(d) {
    if (legend) { map.removeControl(legend); }
    legend = L.control({position: "bottomleft"});
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "vnmap-legend-box");
      box.innerHTML = d.legend;  // built and escaped on the server (layers/style.py)
      var details = box.querySelector("details");
      if (details && map.getSize().x >= 700 && map.getSize().y >= 450) { details.open = true; }
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    legend.addTo(map);
  }

  function showZoomTo(frames) {
    if (zoomTo) { map.removeControl(zoomTo); }
    zoomTo = L.control({position: "topleft"});
    zoomTo.onAdd = function () {
      var box = L.DomUtil.create("div", "leaflet-bar vnmap-zoomto");
      box.setAttribute("style", "background:#fff;padding:3px 6px;font:12px sans-serif");
      box.appendChild(text("span", "Zoom to: "));
      Object.keys(frames).forEach(function (name, k) {
        if (k) { box.appendChild(text("span", " · ")); }
        var a = text("a", name, "display:inline;width:auto;height:auto;line-height:1.4;border:0;cursor:pointer;text-decoration:underline");
        a.setAttribute("role", "button");
        a.setAttribute("href", "#");
        L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); map.fitBounds(frames[name], {animate: false}); });
        box.appendChild(a);
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    zoomTo.addTo(map);
  }

  function apply() {
    if (!args || !data) { return; }
    syncing = true;  // the layer control's own events are not the user's
    try {
      // A run that began before the user's last toggle in the layer control still carries the partners it had:
      // applied, it would show the hidden partner again until the toggle's own run came.
      if ((args.partners_seq || 0) >= partnersSent) { showPartners(args.partners || []); }
      filter(args.in_view);
      drawUnreviewed(args.unreviewed || []);
    } finally {
      syncing = false;
    }
    focus(args.focus);
    say("");
    if (!window.vnmapReady) {  // the first drawing: canvases draw on the next animation frame, after the features were added
      performance.mark("vnmap:applied");
      requestAnimationFrame(function () {
        window.vnmapReadyAt = Date.now(); performance.mark("vnmap:ready");
        if (args.announce_drawn) { send({event: "drawn"}); }  // the page draws its charts and table only now
      });
    }
    window.vnmapReady = true;
    if (map.getContainer().getAttribute("data-vnmap") !== "ready") { map.getContainer().setAttribute("data-vnmap", "ready"); }  // unchanged: no DOM change
  }

  function render(next) {
    args = next;
    if (data && dataUrl === next.data_url) { apply(); return; }
    if (loading === next.data_url) { return; }
    loading = next.data_url;
    say("Loading the map's features…");
    performance.mark("vnmap:fetch");  // marks for the benchmark: where a first drawing's time goes
    var early = window.vnmapPrefetch;  // the loader asked for the data while Leaflet and this file were still loading
    window.vnmapPrefetch = null;
    (early && early.url === next.data_url ? early.response : fetch(next.data_url)).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status + " for " + next.data_url); }
      if (!/\.gz$/.test(next.data_url)) { return response.json(); }
      return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();  // served packed, as stored
    }).then(function (d) {
      if (loading !== next.data_url) { return; }  // a newer dataset was asked for meanwhile
      loading = null;
      performance.mark("vnmap:parsed");
      build(d, next.data_url);
      performance.mark("vnmap:built");
      apply();
    }).catch(function (err) {
      loading = null;
      say("The map's features could not be loaded: " + err.message + ". Reload the page to try again.", true);
      if (args && args.announce_drawn) { send({event: "drawn", failed: true}); }  // the rest of the page need not wait for it
    });
  }

  // A tick in the sidebar shows or hides the partner's pane at once, before Streamlit's rerun (about 0.4 s on 2 busy
  // cores) brings the same partners as arguments, which then change nothing. The sidebar is the page around this
  // map (the same page); if its markup is not what is expected, the rerun alone does it.
  function followSidebar() {
    var page = document;
    function follow(box) {  // Streamlit's checkbox (react-aria) flips its state on the press, with no native change event
      var name = box.getAttribute("aria-label") || "";
      var p = data && data.partners.find(function (x) { return name.indexOf(x.label + " (") === 0; });
      if (!p || !switches[p.key]) { return; }
      syncing = true;  // not the layer control's own event: nothing is sent back
      try {
        if (box.checked && !map.hasLayer(switches[p.key])) { map.addLayer(switches[p.key]); }
        if (!box.checked && map.hasLayer(switches[p.key])) { map.removeLayer(switches[p.key]); }
      } finally { syncing = false; }
    }
    ["click", "keyup"].forEach(function (type) {
      var listener = function (e) {
        var label = e.target && e.target.closest && e.target.closest('[data-testid="stSidebar"] label');
        var box = label && label.querySelector('input[type="checkbox"]');
        if (box) { setTimeout(function () { follow(box); }, 0); }  // once the widget has taken the press
      };
      page.addEventListener(type, listener, true);
      pageListeners.push([type, listener]);
    });
  }

  vnmap.start = function (leafletMap, layerControl) {
    performance.mark("vnmap:start");
    map = leafletMap;
    // Leaflet focuses the map on mousedown (keyboard navigation); when the map is partly below the fold the browser
    // then scrolled the page between mousedown and mouseup, and the click missed the marker. Focus without scrolling.
    var container = map.getContainer(), nativeFocus = container.focus;
    container.focus = function (options) { nativeFocus.call(container, Object.assign({preventScroll: true}, options || {})); };
    control = layerControl;
    say("Loading the map…");
    map.on("popupclose", function (e) { if (opened && opened.popup === e.popup) { opened = null; } });
    map.on("overlayadd overlayremove", function (e) {
      if (syncing || !data || !e.layer._vnmapPartner || e.layer._vnmapPartner === "UNREVIEWED") { return; }
      partnersSent += 1;
      send({event: "partners", partners: visiblePartners(), seq: partnersSent});
    });
    dotEvents();
    followSidebar();
    return vnmap;
  };

  vnmap.render = render;

  vnmap.stop = function () {  // the map left the page (another page of the app): let go of the page's events and the map
    pageListeners.forEach(function (l) { document.removeEventListener(l[0], l[1], true); });
    pageListeners = [];
    map.remove();
  };

  vnmap.visibleIds = function () {  // "id|partner" of every feature drawn in a shown pane (for tests and the benchmark)
    var out = [];
    map.eachLayer(function (l) {
      if (l._vnmapIndex === undefined && !(l.feature && l.feature.properties.partner === "UNREVIEWED")) { return; }
      var pane = map.getPane(l.options.pane);
      if (pane && pane.style.display === "none") { return; }
      out.push(l.feature ? l.feature.properties.id + "|" + l.feature.properties.partner : data.id[l._vnmapIndex] + "|" + l._vnmapPartner);
    });
    Object.keys(dots).forEach(function (key) {
      if (panes[key].style.display === "none") { return; }
      dots[key]._positions.forEach(function (i) { if (shown[i]) { out.push(data.id[i] + "|" + key); } });
    });
    return out;
  };
  return vnmap;
};
