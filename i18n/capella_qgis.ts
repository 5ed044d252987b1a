<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>@default</name>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area of interest is empty: draw, pick or paste one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>A {kind} cannot be used here; expected: {allowed}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area could not be converted to longitude/latitude ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Latitudes must lie within −90…90; is the layer's CRS set correctly?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Longitudes are far outside −180…180; is the layer's CRS set correctly?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The polygon was repaired (makeValid).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source> near {lon:.5f}, {lat:.5f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The polygon is invalid ({detail}{where}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>invalid geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>It can be repaired automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area crosses the antimeridian (180°); it was split in two parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area crosses the antimeridian (180°). Split it into one part on each side of 180° and search them separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The polygon has no area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area is {area:,.0f} km², above the {limit:,.0f} km² limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Nothing to read: paste GeoJSON, WKT or a bbox (min lon, min lat, max lon, max lat).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The bbox must be four numbers: min lon, min lat, max lon, max lat.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The bbox minimum must be smaller than its maximum (min lon, min lat, max lon, max lat).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>This is neither GeoJSON nor valid WKT (e.g. POLYGON((lon lat, …))).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON contains no geometry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON is not valid JSON: {error} (line {line}, column {col}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON geometry needs a &quot;type&quot; and &quot;coordinates&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON geometry of type {kind} could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Pick a vector layer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>No feature is selected in layer “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The map extent is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The map extent could not be converted ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The map extent lies outside the world&apos;s lon/lat range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/geometry.py"/>
        <source>Only polygons can be split at the antimeridian.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/geometry.py"/>
        <source>The area encloses a pole, so it cannot be cut at the antimeridian. Draw it as two polygons, one on each side of 180°.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/geometry.py"/>
        <source>Nothing is left of the area after cutting it at the antimeridian.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>other / unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Capella Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Install required packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Capella Console is incomplete ({problem}). Reinstall it from Plugins › Manage and Install Plugins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>needs the Python packages {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Without the QGIS window, run QGIS&apos; Python like this:
{commands}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>The install was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Installing packages failed: {error}
{output}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>The packages were installed, but {what}. Restart QGIS to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Installed. Starting Capella Console…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Packages installed into {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Packages installed: the plugin is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Capella Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Order selected footprints…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Resume unfinished downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Open selected footprints as streamed layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Open extended metadata JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Capella</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Select a Capella footprint layer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Select the footprints to order first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Review order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed; its products are in an active order: downloading them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed; its order costs {total}, within your limit of {cap}: ordering and downloading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>its order costs {total}, more than your limit of {cap}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>the Console did not authorize its order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>its order is priced in {currency}, your limit in {cap_currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>its review gave no total price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed, but {why}: nothing was ordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed, but its order could not be reviewed: {error} Nothing was ordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Order {id} placed; downloading {n} product(s) to {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Active order {id} reused; downloading {n} product(s) to {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Order {id} is ready ({n} product(s)); download it from the Orders dock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Capella order {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>{n} Capella download(s) were not finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Use Web › Capella › Resume unfinished downloads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>The unfinished downloads are already being resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>No unfinished downloads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads.py"/>
        <source>Cannot create the download folder {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads_message.py"/>
        <source>Files are in {folder}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads_message.py"/>
        <source>The Console sent records that could not be read in full: {lines}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads_message.py"/>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/streams.py"/>
        <source>Select GEO or GEC footprints to stream.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella quick-looks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Catalog search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella search {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>The results could not be loaded: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>{message}: the {count} results received were kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Run a search first; there is nothing to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Select the results to order first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Ordering is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Select one or more results to add their quick-looks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>The selected results have no thumbnail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>{n} quick-looks added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>“{text}” is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>The minimum ({lo:g}) is larger than the maximum ({hi:g}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>No saved search is called “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>Give the saved search a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>Cannot read {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>This is not a saved-search file (invalid JSON: {error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>This is not a Capella saved-search file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>The saved-search file has no “searches” object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>STAC id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Acquired (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Pol.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Orbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Incidence (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Res. range (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Collect id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Capella results list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Capella tasking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Archive: {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Opportunities: {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>custom ranges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>default (enabled for a point, else disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>Until cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>Start + end date + interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>Start + number of repetitions + interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>An InSAR stack (tier insar) needs an orbit; other tiers must not set one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>{orbit}: {desc}. Acquisitions repeat the same geometry every {days:g} days (orbital plane {plane}°).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask request “{name}” created. The Console estimates its price next; the Requests dock tells you when it waits for your approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask failed: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Capella retask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask like the selected footprint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask like this…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Select the footprint to retask first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>This footprint has no collect id: it cannot be retasked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>orbital plane {planes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>ascending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>descending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>looking left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>looking right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>off-nadir {range}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>no constraint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Opportunities are physical access only: when a satellite can see the target under these constraints. They are not a schedule and ignore other tasking, so a request may still be collected at another time or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>{group} ({n} passes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Window (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Spacecraft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Off-nadir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Grazing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Local time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>not cancellable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{p:g} % of the price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Cancelling: free (no collect is predicted yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Cancellation fees (first collect predicted at {t}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>until {t}: {fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>from {t}: {fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{a} … {b}: {fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>now: {fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} ({name}): status {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>No cost estimate yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Total: {total} (subtotal {subtotal}); {km2} km²; tier {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>line item {task}: {km2} km², tier {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Approve tasking request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>&lt;p&gt;A tasking request created without pre-approval waits in &lt;i&gt;review&lt;/i&gt; until its cost estimate is approved; without approval it is never collected. This algorithm reads the estimate of TASKING_REQUEST_ID and writes it to the log: the total, the area in km², the tier, the line items and the cancellation fees against the first predicted collect. While the estimate is being prepared it waits up to WAIT seconds.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Approving spends money.&lt;/b&gt; Without CONFIRM nothing is answered: the review is only reported. With CONFIRM, DECISION approve accepts the estimate and reject declines it. Give EXPECTED_TOTAL (the total you saw, e.g. $1,500.00): when the estimate is no longer that amount nothing is approved. Without it, the total read and logged by this run is the one approved.&lt;/p&gt;&lt;p&gt;Re-running is safe: a request already approved (or pre-approved) or already rejected is reported and left as it is. STATUS is the request's status afterwards, ANSWERED whether this run answered the review.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Tasking request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Expected total (the total you saw)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Wait for the cost estimate at most (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Answer the review: I confirm that approving spends money (CONFIRM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Answered by this run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Estimated total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Estimated total (as sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Accounting area (km²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>First predicted collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{label}: &apos;{value}&apos; is not an amount; give the total the review showed, e.g. $1,500.00 or 1500</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Waiting for the cost estimate of {id} ({s:.0f} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{label}: the estimate is now {total}, not {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>; nothing was approved. Review it again before approving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Nothing was answered: this run only read the cost review. Set CONFIRM to true to answer it ({decision}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id}: the cost estimate has no readable total, so nothing was approved; review it in the Capella Console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Approved {total}: tasking request {id} is now {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Rejected: tasking request {id} is now {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is already approved (status {status}): nothing to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is already rejected: nothing to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id}: the cost estimate is not ready yet (status received); run the algorithm again later, or raise {label}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is already approved (status {status}), so its review cannot be rejected; cancel the request instead (cancellation fees may apply).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is {status}, not waiting for cost approval; it cannot be approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is {status}, not waiting for cost approval; it cannot be rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{n} groups of passes (orbital plane · orbit direction · look direction):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{group}: {n} passes, first {first}, off-nadir {lo}–{hi}°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Check opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>&lt;p&gt;Asks the Console when Capella satellites can see an area of interest (an access request; nothing is bought). Give the area as AOI (a point or a polygon; WKT in EPSG:4326, or CRS=EPSG:xxxx;WKT) or AOI_LAYER (the union of its features), the window (default now … now + 7 days, UTC) and the collect constraints to check.&lt;/p&gt;&lt;p&gt;The Console takes from seconds to a few minutes; the algorithm waits up to TIMEOUT seconds and can be cancelled. If it gives up, run it again with EXISTING_REQUEST set to the access request id it reported: that waits for the same request instead of creating a new one.&lt;/p&gt;&lt;p&gt;OUTPUT has one feature per pass (window, spacecraft, orbital plane, orbit and look direction, off-nadir and grazing ranges, azimuths, local time) and its group; the log summarises the groups. The GROUP_* outputs are the constraints of the group with the most passes, to pass on to &lt;i&gt;Create tasking requests&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Opportunities are physical access only, not a schedule&lt;/b&gt;: they ignore other tasking, so a request may still be collected at another time or not at all.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Area of interest (point or polygon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Area of interest (layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Wait at most (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Existing access request id (wait for it instead of creating one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Accessibility (accessible, inaccessible or rejected)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>First pass opens (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group (the most passes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: orbital plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: orbit state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: look direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Number of opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Number of groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: number of passes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: minimum off-nadir angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: maximum off-nadir angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Give one area of interest: {aoi} or {layer} (got {got})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{label}: a {kind} cannot be checked; give a point or a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{existing}: the existing access request has its own area; leave {names} empty, or clear {existing} to check a new area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source> Run the algorithm again with {label} = {id} to wait for it without creating a new access request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request {id}: {status} ({s:.0f} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request {id}: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{n} opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Create repeat requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>&lt;p&gt;Creates a repeat request for each point or polygon of INPUT (or one for the union of all features when ONE_PER_FEATURE is off). Cadence: REPEAT_START (default now, UTC), REPETITION_INTERVAL days, and either REPEAT_END or REPETITION_COUNT (not both).&lt;/p&gt;&lt;p&gt;InSAR stacks: choose the &lt;i&gt;insar&lt;/i&gt; tier and an INSAR_ORBIT (MIO_53_2P95 revisits every 2.95 days on the 53° plane, SSO_97_7P00 every 7 days on the 97° plane). Every request is validated before the first is sent.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Repeat start (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Repeat end (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Repetition interval (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Number of repetitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>InSAR orbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Maintain scene framing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Look angle tolerance (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Azimuth angle tolerance (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Window duration (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Created repeat requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Nothing to request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>Create tasking requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>&lt;p&gt;Creates a tasking request for each point or polygon of INPUT (or one for the union of all features when ONE_PER_FEATURE is off; tick &lt;i&gt;Selected features only&lt;/i&gt; to task a selection). Names come from NAME_FIELD, else NAME (numbered when there are several requests).&lt;/p&gt;&lt;p&gt;The collection window defaults to now … now + 7 days (UTC). Every request is validated before the first is sent. OUTPUT holds the created requests with their ids and status; a request the Console refuses is reported and skipped.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Pre-approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>Created tasking requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>Nothing to task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Order review of {n} product(s) (nothing is bought yet):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>no price given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>(already in active order {id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Total: {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Contract: {contract}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Reusing active order {id}: it holds every product, nothing new is bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>the default contract of your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Download products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>&lt;p&gt;Downloads the assets of an order (ORDER_ID), of the collects of a completed tasking request (TASKING_REQUEST_ID) or of collects (COLLECT_ID, comma separated). Give exactly one of them. Downloads resume and run in parallel; files already complete are kept unless OVERWRITE is set.&lt;/p&gt;&lt;p&gt;For a tasking request or collects, the products are ordered first; an active order covering them is reused. &lt;b&gt;Ordering products you have not paid for yet may be billed&lt;/b&gt;, so with TASKING_REQUEST_ID or COLLECT_ID the algorithm refuses to run unless CONFIRM is true. An ORDER_ID (from &lt;i&gt;Submit order&lt;/i&gt;) is already ordered and needs no CONFIRM.&lt;/p&gt;&lt;p&gt;Before ordering, the order is reviewed and the review is written to the log: the price of each product, the total, the contract, or the active order that is reused (then nothing new is bought). A review the Console does not authorize orders nothing. With MAX_COST (USD), an order whose total is higher, or cannot be read, is not placed and the algorithm fails, giving the total.&lt;/p&gt;&lt;p&gt;INCLUDE / EXCLUDE filter asset types (raster = HH and VV; exclude wins); PRODUCT_TYPES keeps only those products. FILES lists every file (separated by ;), RASTERS the raster files, loaded on completion when LOAD_OUTPUTS is set.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Order id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Collect id(s), comma separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Product types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Include assets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Exclude assets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>One folder per product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Overwrite complete files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Contract id (tasking request / collects)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>I confirm that ordering the products of a tasking request or collects may spend money (CONFIRM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Maximum cost (USD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Load rasters when done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Downloaded files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Number of files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Number of failed assets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Rasters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Give exactly one of ORDER_ID, TASKING_REQUEST_ID or COLLECT_ID (got {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{source} may place an order that spends money on your Capella account: set CONFIRM to true to run it, or give the ORDER_ID of an existing order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{label}: {path} is a file; choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{label}: cannot create {path} ({reason}); choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{n} collects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Using order {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Nothing to download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{n} assets to download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>waiting for the server (retry in {n} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_base.py"/>
        <source>Cancelled by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Every download failed:
{s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{reason}. Nothing was ordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Reusing active order {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Order {id} placed ({total})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>The order costs {total}, more than {label} ({cap})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Raise {label}, or leave it empty to order without a limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>The order is priced {total}, not in {currency} like {label} ({cap})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Leave {label} empty to order without a limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>The order review gave no readable total ({total}) to compare with {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{reason}: nothing was ordered. {fix}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Current status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Whole organization (not only mine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Submitted after (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Submitted before (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Request areas (polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Request points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Number of requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>{n} requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>List tasking requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>&lt;p&gt;Lists your tasking requests (or your organization&apos;s with FOR_ORG), optionally only those whose current status is in STATUS or submitted in a time range. Polygon AOIs go to OUTPUT, point AOIs to OUTPUT_POINTS.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>List repeat requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>&lt;p&gt;Lists your repeat requests (or your organization&apos;s with FOR_ORG), optionally only those whose current status is in STATUS or submitted in a time range. Polygon AOIs go to OUTPUT, point AOIs to OUTPUT_POINTS.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Retask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>&lt;p&gt;Creates a new tasking request like a completed tasking request (TASKING_REQUEST_ID) or a delivered collect (COLLECT_ID, e.g. the collect_id of a footprint); give exactly one. The Console copies the area, the collection mode, the look and orbit direction and the orbital plane, with the off-nadir range at the collect's look angle ±5°.&lt;/p&gt;&lt;p&gt;NAME, DESCRIPTION, the window (default now … now + 7 days, UTC) and the collection tier may be changed; everything else is copied.&lt;/p&gt;&lt;p&gt;The new request waits for its cost estimate and your approval (&lt;i&gt;Approve tasking request&lt;/i&gt;) unless PRE_APPROVAL is set. NEW_TASKING_REQUEST_ID is its id. Each run creates another request.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Completed tasking request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Delivered collect id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>New request name (empty: copied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>New description (empty: copied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Collection tier (empty: copied)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>New tasking request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Status of the new request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Waits for cost approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Give exactly one of {tr} or {collect} (got {got})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Retask of {source}: created tasking request {id} ({name}), status {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Copied: look {look}, orbit {orbit}, off-nadir {lo}–{hi}°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Pre-approved: it goes on once its cost estimate is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Tasking request {id} waits for its cost estimate and your approval; it is not collected until approved. Run Approve tasking request with TASKING_REQUEST_ID={id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Footprint layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Contract id (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Nothing to order: the footprint layer (or its selection) is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Review order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>&lt;p&gt;Asks the Console what ordering the footprints of INPUT (a layer from a Capella search; tick &lt;i&gt;Selected features only&lt;/i&gt; to order a selection) would cost and whether your account may place the order. Nothing is bought.&lt;/p&gt;&lt;p&gt;OUTPUT is an HTML report, or JSON when the file name ends in .json. TOTAL is the order total as a number, AUTHORIZED whether the order would be accepted.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Review report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>HTML files (*.html);;JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Order total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Order total (as sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Denial reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Active order already holding every product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Active order {id} already holds {n} of the products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Authorised; total {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Not authorised: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: not valid JSON ({error}); write an object such as {example}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: must be a JSON object such as {example}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Search catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>&lt;p&gt;Searches the Capella catalog (STAC) and writes the footprints with the same fields as the Capella dock&apos;s search layers (the full STAC item is kept in &lt;i&gt;item_json&lt;/i&gt;, so the output feeds &lt;i&gt;Review order&lt;/i&gt; and &lt;i&gt;Submit order&lt;/i&gt;).&lt;/p&gt;&lt;p&gt;Area of interest: give at most one of AOI (an extent), AOI_GEOMETRY (WKT, EPSG:4326) or AOI_LAYER (the union of its features, selected features only if chosen). Dates are UTC unless an offset is given. QUERY takes SDK-style filters as JSON, e.g. &lt;code&gt;{&quot;platform&quot;: &quot;capella-6&quot;, &quot;look_angle__gte&quot;: 30}&lt;/code&gt;. SORTBY is a field name, prefixed with - for descending (e.g. &lt;code&gt;-datetime&lt;/code&gt;).&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Area of interest (extent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Area of interest (geometry, EPSG:4326)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Acquired after (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Acquired before (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Instrument modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Polarizations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Look direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Orbit state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Incidence angle range (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Look angle range (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Collections (comma separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Advanced query (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Sort by (e.g. -datetime)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Maximum number of results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Footprints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Number of footprints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Number of matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Give only one area of interest; got {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: a {kind} cannot be used as an area of interest; give points or polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: the extent could not be converted to longitude/latitude ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: repeats parameters given elsewhere: {names}; give each once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Search body: {body}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Only part of the results arrived: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{count} footprints ({matched} matched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Submit order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>&lt;p&gt;Orders the products of the footprints in INPUT (a layer from a Capella search; tick &lt;i&gt;Selected features only&lt;/i&gt; to order a selection). The order is reviewed first and refused with the Console&apos;s reason when it is not authorised.&lt;/p&gt;&lt;p&gt;With REUSE_ACTIVE_ORDERS an active order that already contains every product is returned instead of placing a new one. ORDER_ID feeds &lt;i&gt;Download products&lt;/i&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Reuse an active order covering the products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Number of products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Reused an active order (yes/no)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Order {id} placed for {n} products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Catalog and orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Tasking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Could not read a key from the authentication configuration {id} (missing, empty, or the authentication database is locked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>{reason} Or choose an authentication configuration (AUTH), or set CAPELLA_API_KEY (and CAPELLA_API_URL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>&lt;p&gt;&lt;b&gt;This algorithm spends money&lt;/b&gt;: it creates billable orders or requests on your Capella account. It refuses to run unless CONFIRM is true.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>&lt;p&gt;Credentials: the AUTH configuration if given, else CAPELLA_API_KEY, else the key saved in Settings › Options › Capella. CAPELLA_API_URL overrides the API URL.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Authentication configuration (empty: plugin settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>I confirm that this spends money (CONFIRM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>{alg} spends money on your Capella account: set CONFIRM to true to run it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>No Capella client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: not a valid date/time; {example}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not {kind}; give {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: {value} is not a finite number; give {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: {value:g} is not a whole number; give a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>from {low:g} to {high:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>of at least {low:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>of at most {high:g}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: {value:g} is out of range; give a value {bound}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source> (did you mean {names}?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source> (several: a list, or separated by commas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>give min,max like 20,50 (leave a side empty for no bound)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not a range; {usage}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not true or false; give true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: this parameter is required; give a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not an extent; give xmin,xmax,ymin,ymax and its CRS, e.g. -10,10,-5,5 [EPSG:4326], or a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not accepted here; check the value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: '{value}' is not a geometry; give WKT in EPSG:4326 such as POINT(lon lat) or POLYGON((lon lat, …)), or CRS=EPSG:xxxx;WKT for another CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: could not load the layer &apos;{value}&apos;; choose a layer of the project or an existing file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: the geometry cannot be read ({error}); give a point or a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>Area of interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: the area of interest is empty; give a point or a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: the area could not be converted to longitude/latitude ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>The input layer has neither an item_json nor a stac_id field; use a footprint layer from a Capella search (dock or capella:searchcatalog).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Areas of interest (points or polygons)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>One request per feature (off: one request for the union of all features)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Request name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Name field (wins over NAME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Minimum off-nadir angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum off-nadir angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Minimum grazing angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum grazing angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Minimum azimuth angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum azimuth angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum squint angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Image width (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Image length (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Orbital planes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Polarization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Squint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Window opens (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Window closes (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Collection tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Collection type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Archive holdback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Custom attribute 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Custom attribute 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Contract id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{name} / {field}: give the requests a name, or a field to read names from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{label}: the input layer has no field &apos;{field}&apos;; choose one of {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{label}: the layer has no features with a geometry (or none is selected); choose a layer with points or polygons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{label}: feature {fid} has no value in {field}; fill it in, or give a {name} for such features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Cancelled: the remaining requests were not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Created {kind} request {id} ({status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>No request was created; see the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Requests created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Requests refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/rasters/style.py"/>
        <source>{id}: {type} products are not loaded automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/rasters/style.py"/>
        <source>{name} (amplitude)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/rasters/style.py"/>
        <source>{id}: cannot open {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>Capella requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_base.py"/>
        <source>The task was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>ETA {eta}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>order {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>tasking request {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>collect {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>{n} product(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>{n} unfinished file(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>The tasking request has no collects to download.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>Nothing to download: the catalog has no products for it yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>Nothing to download: no file matches the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>Capella download: {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>{base} — resolving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>Installing Python packages for Capella Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>Cancelled: nothing more was installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>pip stopped with exit code {code}; its output is under Details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>QGIS&apos; Python: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>QGIS&apos; own Python {version} was not found (tried: {tried}). Install the packages with that Python&apos;s pip into {target}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>pip {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>pip from {wheel}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>QGIS&apos; Python ({python}) has no pip. Install pip for it (on Debian and Ubuntu: the python3-pip package), then click Install again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: review order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: submit order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: list orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: fetch download links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>No active order contains these products; order them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: footprints of order {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Order {id} has no products.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: reading the cost estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Approve: the price was not shown yet; review the cost first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>approving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>rejecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: {action} the cost estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: creating a retask request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: reading the collect history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>No results: nothing in the catalog matches these filters and this area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>{count} results ({matched} matched) in {secs:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>Partial result: {count} results from {pages} of {expected} pages were kept; the next page failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>Capella catalog search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>repeat request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>tasking request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: creating {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: checking opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: loading the organization&apos;s contracts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: searching requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>✗ {id}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>✓ {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>updating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: {action} requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: checking request status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_test_connection.py"/>
        <source>Logged in as {email} ({org})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_test_connection.py"/>
        <source>Testing the Capella Console connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_thumbnails.py"/>
        <source>Capella thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_thumbnail_scan.py"/>
        <source>Capella footprints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_thumbnails.py"/>
        <source>not an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The QGIS authentication database is locked: the API key was not stored. Unlock it with the master password and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The QGIS authentication database refused to store the API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>No API key configured. Enter your Capella API key in Settings › Options › Capella.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The QGIS authentication system is disabled, so the API key cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The saved authentication configuration {authcfg} no longer exists. Enter your API key again in Settings › Options › Capella.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>Could not read the API key from the QGIS authentication database (locked or empty configuration {authcfg}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapellaDockMain</name>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Capella Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Not tested yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Workflows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapellaPlugin</name>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Catalog search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Orders and downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Tasking requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>&amp;Capella</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Capella Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Capella</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapellaProcessing</name>
    <message>
        <location filename="../capella_qgis/processing/provider.py"/>
        <source>Capella</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/provider.py"/>
        <source>Capella Space Console</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapellaRequestsDock</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Capella requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Submitted after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>yyyy-MM-dd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Window within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Only requests waiting for my approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Requests whose cost estimate waits for you to approve or reject it. They are always listed first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Review cost…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>See the Console&apos;s cost estimate of the selected request, with the cancellation fees, and approve or reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Retask like this…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>A new tasking request with the parameters of the selected completed request (look angle within ±5°). It goes through the cost review like any other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Update…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Cancel requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Download when completed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Order and download the images of the selected tasking requests: completed ones after you review the price, the others automatically when they complete, up to a cost you set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Track status changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Bulk results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapellaSearchDock</name>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Capella catalog search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Area of interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Paste GeoJSON, WKT or min lon, min lat, max lon, max lat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>color: #c0392b;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Repair the polygon (makeValid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Saved…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Group by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Colour by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Add quick-looks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Export GeoJSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Order selected footprints…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CapellaSettingsForm</name>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Capella</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Capella Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>API URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>https://api.capellaspace.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Paste a new API key to replace the stored one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Stored credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Download folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Parallel downloads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Add downloaded rasters to the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Search page size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Request timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Verbose logging in the Capella log tab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompassWidget</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_compass.py"/>
        <source>Allowed azimuth (target → satellite), clockwise from North</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DlgAutoOrder</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>When {what} is completed, the plugin reviews the order of its images. If the order costs at most the amount below, it is placed without asking again and the images are downloaded to {folder} and added to the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>When each of these {n} requests ({what}) is completed, the plugin reviews the order of its images. If that order costs at most the amount below, it is placed without asking again and the images are downloaded to {folder} and added to the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>If it costs more, or the Console does not authorize it, nothing is ordered and you are shown the review. This choice lasts until QGIS closes or the plugin is reloaded; the plugin only notices the completion while Track status changes is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>Order when completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.ui"/>
        <source>Order and download when completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.ui"/>
        <source>Order automatically if it costs at most</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DlgCostReview</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Reading the cost estimate from the Console…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The Console shows this request in review but gives no price: it cannot be approved from here. Ask Capella support, or reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The Console estimated the cost of this request. Nothing is collected or charged until you approve this price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The Console is still estimating the cost of this request. The Requests dock tells you when the price is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>This request is {status}: there is no price to answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The price changed since it was shown: it is now {new} (it was {old}). Nothing was approved; approve again to accept the new price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Approved at {total}: the request is now {status}. The Requests dock tracks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Rejected: the request is now {status} and will not be collected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The cost estimate could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Sending your answer to the Console…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Reject the cost estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Reject “{name}” at {total}? The request ends and will not be collected. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>(unnamed request)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Repeat request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Tasking request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Capella cost review: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Approve {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{open}
to {close}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{km2} km²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Price per image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>until cancelled or ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>open-ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Each image of a repeat request is charged at this price when it is collected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Capella&apos;s cancellation policy: free more than 72 h before a collect, 25 % of its price from 72 h to 12 h, not cancellable under 12 h.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>No collect is predicted yet: cancelling is free until one is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>First predicted collect: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Not cancellable from {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Free cancellation until {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{percent} of the price{fee} until {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>If approved now, it can no longer be cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>If approved now, cancelling is free for the moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>If approved now, cancelling costs {percent} of the price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{km} km away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{open} to {close}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Other requests of your organization that may compete for the same passes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Capella cost review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Accounting size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Collection type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Line item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Cancellation fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Conflicting tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Close without answering: the request keeps waiting for your approval in the Requests dock.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DlgInstallDependencies</name>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Installing {what} for QGIS&apos; own Python into {target}. QGIS&apos; numpy and GDAL are left as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Install again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.ui"/>
        <source>Capella Console: installing Python packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.ui"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DlgOrderReview</name>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Already in active order {id} (reused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>{n} product(s) to order. Nothing is charged until you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>All products are in active order {id}; it is reused and nothing new is ordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Use active order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>✔ Authorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Submit order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>The order is not authorized.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>✖ Not authorized: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Organization default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Review Capella order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DockMain</name>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.py"/>
        <source>API: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.py"/>
        <source>(from CAPELLA_API_URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.py"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DockOrders</name>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>All orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>Active orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>Refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>{n} order(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>✖ {message} — retrying in {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>{status} (expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Capella Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Order / product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Load footprints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Copy id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OpportunitiesWidget</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Sending the access request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The Console has queued the access request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The Console is computing the opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The opportunities are ready; loading them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Waiting for the access request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{what} ({seconds:.0f} s). This can take a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Opportunities not checked: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{open} – {close}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The Console rejected the access request: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>no reason given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Not accessible: no Capella satellite can see this area in {window} under these constraints.{reason} Widen the window or relax the look direction, orbital planes or off-nadir range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{passes} passes in {groups} groups, {window}. Choose a group or a pass and use its constraints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>On the map: layer “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Spacecraft {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{start} ({seconds:.0f} s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Constraints set: {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Check opportunities to see when a Capella satellite can see this area within the window and constraints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Orbital plane · asc/desc · look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Passes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>First pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Off-nadir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Use these constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Set the orbital plane, ascending/descending, look direction and off-nadir range of the selected group or pass in the Constraints tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>font-style: italic;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestUpdateDialog</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Update {n} request(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Product types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Custom attribute 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Custom attribute 2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsController</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Capella requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{n} request(s), {k} waiting for your approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Select one or more requests first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Cancel requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Cancel {n} request(s)? Cancellation fees may apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Capella request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” is now {new} (was {old}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Select one or more tasking requests first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Ordering is not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Reviewing the price of {what}; the order review opens next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Price of {what} reviewed: decide in the order review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>The price review of {what} ended without an order review; see the message bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Nothing will be ordered automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” will be ordered and downloaded when completed, if it costs at most {cap}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{n} requests will be ordered and downloaded when completed, each if it costs at most {cap}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Turn on Track status changes so the plugin notices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” ended as {status}: nothing will be ordered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>The download folder {path} is not writable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{problem}. Nothing was ordered: choose a Download folder you can write to in Settings › Options › Capella.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” waits for your approval: the Console estimates {price}. Nothing is collected or charged until you approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>its price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Capella cost review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Review cost…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{price} per image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Wait for the answer in the cost dialog first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” approved at {total}: it is now {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” rejected: it is now {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Select one completed tasking request to retask.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsDock</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Window open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>My requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>My organization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Tasking and repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Tasking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{n} waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>The Console estimated the price: approve or reject it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{n} request(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{ok} succeeded, {bad} failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Review cost…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Approve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Retask like this…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Collection type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{open} to {close}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Its cost estimate waits for your approval: Review cost…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Request status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Conflicting tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Collects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>The collect history could not be read: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Reading the collect history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>No collect yet (one is predicted once the price is estimated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Collect {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>at {when}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetaskDialog</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Retask like this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Window opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Window closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Retask of {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Set the collection window (else the Console&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Same as the original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>The new request goes to the Console&apos;s cost review: nothing is collected or charged until you approve its price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Create request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>the look angle within ±5° of {angle}° ({low}° to {high}°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>the look angle within ±5° of the original's</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>A new tasking request like {source}. The Console copies its area, collection type, look direction, orbit direction and orbital plane, with {look}. Change only what you need below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Map canvas extent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Draw a rectangle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Draw a polygon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Selected features of a layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Pasted GeoJSON / WKT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Product type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Look direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Orbit state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Export to JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Import from JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Draw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>The visible map area is used when you search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Area: {area}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Fix the highlighted fields; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>%v / %m pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Fetched {done} of {expected} pages ({items} items)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Export results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Search saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Loaded “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Deleted “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Export saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Exported {n} saved searches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Import saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Imported {n} saved searches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>No grouping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Collect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Instrument mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchFiltersWidget</name>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Product type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Instrument mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Polarization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Look direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Orbit state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Orbital plane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Collection type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Frequency band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Image formation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Incidence angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Look angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Range resolution (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Azimuth resolution (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Azimuth (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Squint angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Layover angle (°)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Ground range resolution (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Absolute orbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Relative orbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Local time (HH:MM from–to)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>EPSG code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Platform (comma separated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Collect id(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>STAC ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Acquisition time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Incidence angle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Look angle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Range resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>STAC id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Collections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Ownership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Advanced filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>descending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>ascending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Sort by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>At most 10,000 results per search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Result limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Last 365 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Custom range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Dates (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>The start date is after the end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Use two times, e.g. 06:00-18:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>The start time is after the end time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>EPSG codes are whole numbers, e.g. 32631.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Folder for downloaded Capella products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>API key stored in the QGIS authentication database (configuration {authcfg}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>{var} is set: it is used instead of the stored API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>{var} is set: requests go to {url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Saving an API key stores it encrypted in the QGIS authentication database; QGIS will ask you to create a master password first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>API keys are stored encrypted in the QGIS authentication database.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPageFactory</name>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Capella</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskingController</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>New tasking request from a point…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>New tasking request from a polygon…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>New tasking request from the selected feature…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Capella tasking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Click the target on the map (Esc cancels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Click the corners; right-click or double-click to finish (Esc cancels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Select one feature in a vector layer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Request “{name}” created ({id}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskingDialog</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Repair (makeValid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Tasking request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Repeat request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>InSAR stack (repeat, tier insar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>organization default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>organization default (loading contracts…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>New Capella tasking request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>New Capella repeat request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>New Capella InSAR stack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>multi-part geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>point {lon:.5f}, {lat:.5f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>polygon of {area} around {lon:.4f}, {lat:.4f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>{area} at {lon:.3f}, {lat:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>AOI: {aoi}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>AOI: not usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Draw or select an area of interest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Ask the Console when a Capella satellite can see this area within the window and constraints (nothing is ordered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Caution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: looking for existing captures of this AOI…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: no existing capture of this AOI; a new acquisition is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: {captures} captures of this AOI exist already ({products} products, on the map as “{layer}”). Consider ordering one before tasking a new acquisition.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>The catalog matched {n} products in all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: not searched ({message}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Collection tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Collection type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Product types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Archive holdback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Custom attribute 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Custom attribute 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Pre-approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Submit without manual review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Window open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>yyyy-MM-dd HH:mm t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Window close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Repetition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Cadence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Repeat start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Repeat end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Repetitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Window duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Scene framing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Maintain scene framing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Look angle tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> °</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Azimuth tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>InSAR orbit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Collect constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Off-nadir min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Off-nadir max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Image width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Orbital planes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>45°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>53°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>97°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Ascending/descending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Look direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Local time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>06:00-09:00, 18:00-21:00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Polarization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Azimuth min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Azimuth max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Squint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Max squint angle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Check the request before you submit it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>Show the JSON body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>color: #c62828;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Check opportunities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Review…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>Hide the JSON body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>Planned acquisitions (UTC, nominal):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>, … until cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>0 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>looking left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>looking right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>ascending passes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>descending passes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>orbital planes {planes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>off-nadir {range}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>azimuth {range}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>daytime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>night-time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>local time: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>local time {ranges}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>image width {width:g} m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>polarization {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>squint {mode}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>at most {angle:g}°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>every {days:g} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>(InSAR orbit {orbit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>until {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>until cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>from {start}, {every}, {until}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Each window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Area of interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{open} → {close} ({duration})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{tier} tier, {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>the Console&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Constraints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>the organization&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>yes: collected without a cost review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>no: the Console estimates the cost and waits for your approval</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
