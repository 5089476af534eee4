"""Map layers: the features as GeoDataFrames per partner, filters, export, the folium map and the CLI."""
