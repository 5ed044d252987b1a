<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>@default</name>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Capella Orders</source>
        <translation>Capella-Bestellungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Order selected footprints…</source>
        <translation>Ausgewählte Footprints bestellen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Resume unfinished downloads</source>
        <translation>Unvollständige Downloads fortsetzen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Open selected footprints as streamed layers</source>
        <translation>Ausgewählte Footprints als gestreamte Layer öffnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Open extended metadata JSON</source>
        <translation>Erweiterte Metadaten (JSON) öffnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Capella</source>
        <translation>Capella</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Select a Capella footprint layer first.</source>
        <translation>Wählen Sie zuerst einen Capella-Footprint-Layer aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Select the footprints to order first.</source>
        <translation>Wählen Sie zuerst die zu bestellenden Footprints aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Order {id} is ready ({n} product(s)); download it from the Orders dock.</source>
        <translation>Bestellung {id} ist bereit ({n} Produkt(e)); laden Sie sie im Bestellungen-Fenster herunter.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Capella order {id}</source>
        <translation>Capella-Bestellung {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>{n} Capella download(s) were not finished.</source>
        <translation>{n} Capella-Download(s) wurden nicht abgeschlossen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Use Web › Capella › Resume unfinished downloads.</source>
        <translation>Verwenden Sie Web › Capella › Unvollständige Downloads fortsetzen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>No unfinished downloads.</source>
        <translation>Keine unvollständigen Downloads.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella searches</source>
        <translation>Capella-Suchen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella quick-looks</source>
        <translation>Capella-Vorschaubilder</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Catalog search</source>
        <translation>Katalogsuche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>The results could not be loaded: {e}</source>
        <translation>Die Ergebnisse konnten nicht geladen werden: {e}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella search {n}</source>
        <translation>Capella-Suche {n}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Capella search</source>
        <translation>Capella-Suche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Run a search first; there is nothing to export.</source>
        <translation>Führen Sie zuerst eine Suche aus; es gibt nichts zu exportieren.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Exported to {path}.</source>
        <translation>Exportiert nach {path}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Select the results to order first.</source>
        <translation>Wählen Sie zuerst die zu bestellenden Ergebnisse aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Ordering is not available.</source>
        <translation>Bestellen ist nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>Select one or more results to add their quick-looks.</source>
        <translation>Wählen Sie ein oder mehrere Ergebnisse aus, um ihre Vorschaubilder hinzuzufügen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>The selected results have no thumbnail.</source>
        <translation>Die ausgewählten Ergebnisse haben kein Vorschaubild.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>{n} quick-looks added.</source>
        <translation>{n} Vorschaubilder hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/streams.py"/>
        <source>Select GEO or GEC footprints to stream.</source>
        <translation>Wählen Sie GEO- oder GEC-Footprints zum Streamen aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>custom ranges</source>
        <translation>eigene Bereiche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>default (enabled for a point, else disabled)</source>
        <translation>Standard (für einen Punkt aktiviert, sonst deaktiviert)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>Until cancelled</source>
        <translation>Bis zur Stornierung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>Start + end date + interval</source>
        <translation>Beginn + Enddatum + Intervall</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>Start + number of repetitions + interval</source>
        <translation>Beginn + Anzahl Wiederholungen + Intervall</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>custom</source>
        <translation>benutzerdefiniert</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>An InSAR stack (tier insar) needs an orbit; other tiers must not set one.</source>
        <translation>Ein InSAR-Stapel (Stufe insar) benötigt einen Orbit; andere Stufen dürfen keinen angeben.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_fields.py"/>
        <source>{orbit}: {desc}. Acquisitions repeat the same geometry every {days:g} days (orbital plane {plane}°).</source>
        <translation>{orbit}: {desc}. Die Aufnahmen wiederholen dieselbe Geometrie alle {days:g} Tage (Bahnebene {plane}°).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>“{text}” is not a number.</source>
        <translation>„{text}“ ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>The minimum ({lo:g}) is larger than the maximum ({hi:g}).</source>
        <translation>Das Minimum ({lo:g}) ist größer als das Maximum ({hi:g}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>STAC id</source>
        <translation>STAC-ID</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Acquired (UTC)</source>
        <translation>Aufgenommen (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Pol.</source>
        <translation>Pol.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Look</source>
        <translation>Blickrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Orbit</source>
        <translation>Orbit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Incidence (°)</source>
        <translation>Einfallswinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Res. range (m)</source>
        <translation>Aufl. Range (m)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Collect id</source>
        <translation>Collect-ID</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Create repeat requests</source>
        <translation>Wiederholungsaufträge erstellen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Repeat start (UTC)</source>
        <translation>Wiederholungsbeginn (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Repeat end (UTC)</source>
        <translation>Wiederholungsende (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Repetition interval (days)</source>
        <translation>Wiederholungsintervall (Tage)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Number of repetitions</source>
        <translation>Anzahl der Wiederholungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>InSAR orbit</source>
        <translation>InSAR-Orbit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Maintain scene framing</source>
        <translation>Szenenausschnitt beibehalten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Look angle tolerance (°)</source>
        <translation>Toleranz des Blickwinkels (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Azimuth angle tolerance (°)</source>
        <translation>Toleranz des Azimutwinkels (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Window duration (s)</source>
        <translation>Fensterdauer (s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Created repeat requests</source>
        <translation>Erstellte Wiederholungsaufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Requests created</source>
        <translation>Erstellte Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Requests refused</source>
        <translation>Abgelehnte Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>Nothing to request</source>
        <translation>Nichts zu beauftragen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>Create tasking requests</source>
        <translation>Aufnahmeaufträge erstellen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Window opens (UTC)</source>
        <translation>Fenster öffnet (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Window closes (UTC)</source>
        <translation>Fenster schließt (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Pre-approved</source>
        <translation>Vorab genehmigt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>Created tasking requests</source>
        <translation>Erstellte Aufnahmeaufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>Nothing to task</source>
        <translation>Nichts zu beauftragen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Download products</source>
        <translation>Produkte herunterladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Order id</source>
        <translation>Bestell-ID</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Tasking request id</source>
        <translation>ID des Aufnahmeauftrags</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Collect id(s), comma separated</source>
        <translation>Collect-ID(s), durch Kommas getrennt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Product types</source>
        <translation>Produkttypen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Include assets</source>
        <translation>Assets einschließen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Exclude assets</source>
        <translation>Assets ausschließen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>One folder per product</source>
        <translation>Ein Ordner pro Produkt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Overwrite complete files</source>
        <translation>Vollständige Dateien überschreiben</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Contract id (tasking request / collects)</source>
        <translation>Vertrags-ID (Aufnahmeauftrag / Collects)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Load rasters when done</source>
        <translation>Raster nach Abschluss laden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Downloaded files</source>
        <translation>Heruntergeladene Dateien</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Number of files</source>
        <translation>Anzahl der Dateien</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Number of failed assets</source>
        <translation>Anzahl fehlgeschlagener Assets</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Rasters</source>
        <translation>Raster</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Give exactly one of ORDER_ID, TASKING_REQUEST_ID or COLLECT_ID (got {n})</source>
        <translation>Geben Sie genau eines von ORDER_ID, TASKING_REQUEST_ID oder COLLECT_ID an (erhalten: {n})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{n} collects</source>
        <translation>{n} Collects</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Using order {id}</source>
        <translation>Verwende Bestellung {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Nothing to download</source>
        <translation>Nichts herunterzuladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{n} assets to download</source>
        <translation>{n} Assets herunterzuladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_base.py"/>
        <source>Cancelled by the user</source>
        <translation>Vom Benutzer abgebrochen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Every download failed:
{s}</source>
        <translation>Alle Downloads sind fehlgeschlagen:
{s}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Current status</source>
        <translation>Aktueller Status</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Whole organization (not only mine)</source>
        <translation>Ganze Organisation (nicht nur meine)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Submitted after (UTC)</source>
        <translation>Eingereicht nach (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Submitted before (UTC)</source>
        <translation>Eingereicht vor (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Request areas (polygons)</source>
        <translation>Auftragsgebiete (Polygone)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Request points</source>
        <translation>Auftragspunkte</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>Number of requests</source>
        <translation>Anzahl der Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>{n} requests</source>
        <translation>{n} Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>List tasking requests</source>
        <translation>Aufnahmeaufträge auflisten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>List repeat requests</source>
        <translation>Wiederholungsaufträge auflisten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Footprint layer</source>
        <translation>Footprint-Layer</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Contract id (optional)</source>
        <translation>Vertrags-ID (optional)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Nothing to order: the footprint layer (or its selection) is empty</source>
        <translation>Nichts zu bestellen: Der Footprint-Layer (oder seine Auswahl) ist leer</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Review order</source>
        <translation>Bestellung prüfen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Review report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>HTML files (*.html);;JSON files (*.json)</source>
        <translation>HTML-Dateien (*.html);;JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Order total</source>
        <translation>Bestellsumme</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Order total (as sent)</source>
        <translation>Bestellsumme (wie gesendet)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Authorized</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Denial reason</source>
        <translation>Ablehnungsgrund</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Authorised; total {total}</source>
        <translation>Genehmigt; Summe {total}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Not authorised: {reason}</source>
        <translation>Nicht genehmigt: {reason}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Search catalog</source>
        <translation>Katalog durchsuchen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Area of interest (extent)</source>
        <translation>Interessengebiet (Ausdehnung)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Area of interest (geometry, EPSG:4326)</source>
        <translation>Interessengebiet (Geometrie, EPSG:4326)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Area of interest (layer)</source>
        <translation>Interessengebiet (Layer)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Acquired after (UTC)</source>
        <translation>Aufgenommen nach (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Acquired before (UTC)</source>
        <translation>Aufgenommen vor (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Instrument modes</source>
        <translation>Aufnahmemodi</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Polarizations</source>
        <translation>Polarisationen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Look direction</source>
        <translation>Blickrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Orbit state</source>
        <translation>Orbitrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Incidence angle range (°)</source>
        <translation>Bereich des Einfallswinkels (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Look angle range (°)</source>
        <translation>Bereich des Blickwinkels (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Collections (comma separated)</source>
        <translation>Kollektionen (durch Kommas getrennt)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Advanced query (JSON)</source>
        <translation>Erweiterte Abfrage (JSON)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Sort by (e.g. -datetime)</source>
        <translation>Sortieren nach (z. B. -datetime)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Maximum number of results</source>
        <translation>Maximale Anzahl an Ergebnissen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Footprints</source>
        <translation>Footprints</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Number of footprints</source>
        <translation>Anzahl der Footprints</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Number of matches</source>
        <translation>Anzahl der Treffer</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Give only one area of interest; got {names}</source>
        <translation>Geben Sie nur ein Interessengebiet an; erhalten: {names}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Search body: {body}</source>
        <translation>Suchanfrage: {body}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>Only part of the results arrived: {error}</source>
        <translation>Nur ein Teil der Ergebnisse ist angekommen: {error}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{count} footprints ({matched} matched)</source>
        <translation>{count} Footprints ({matched} Treffer)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Submit order</source>
        <translation>Bestellung absenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Reuse an active order covering the products</source>
        <translation>Eine aktive Bestellung mit diesen Produkten wiederverwenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Number of products</source>
        <translation>Anzahl der Produkte</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Reused an active order (yes/no)</source>
        <translation>Aktive Bestellung wiederverwendet (ja/nein)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Reusing active order {id}</source>
        <translation>Aktive Bestellung {id} wird wiederverwendet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>Order {id} placed for {n} products</source>
        <translation>Bestellung {id} für {n} Produkte aufgegeben</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Catalog and orders</source>
        <translation>Katalog und Bestellungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Tasking</source>
        <translation>Aufnahmeaufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Could not read a key from the authentication configuration {id} (missing, empty, or the authentication database is locked).</source>
        <translation>Aus der Authentifizierungskonfiguration {id} konnte kein Schlüssel gelesen werden (fehlt, ist leer oder die Authentifizierungsdatenbank ist gesperrt).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>{reason} Or choose an authentication configuration (AUTH), or set CAPELLA_API_KEY (and CAPELLA_API_URL).</source>
        <translation>{reason} Oder wählen Sie eine Authentifizierungskonfiguration (AUTH) oder setzen Sie CAPELLA_API_KEY (und CAPELLA_API_URL).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>&lt;p&gt;&lt;b&gt;This algorithm spends money&lt;/b&gt;: it creates billable orders or requests on your Capella account. It refuses to run unless CONFIRM is true.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Dieser Algorithmus kostet Geld&lt;/b&gt;: Er erstellt kostenpflichtige Bestellungen oder Aufträge in Ihrem Capella-Konto. Er läuft nur, wenn CONFIRM wahr ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>&lt;p&gt;Credentials: the AUTH configuration if given, else CAPELLA_API_KEY, else the key saved in Settings › Options › Capella. CAPELLA_API_URL overrides the API URL.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Zugangsdaten: die AUTH-Konfiguration, falls angegeben, sonst CAPELLA_API_KEY, sonst der in Einstellungen › Optionen › Capella gespeicherte Schlüssel. CAPELLA_API_URL überschreibt die API-URL.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>Authentication configuration (empty: plugin settings)</source>
        <translation>Authentifizierungskonfiguration (leer: Plugin-Einstellungen)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>I confirm that this spends money (CONFIRM)</source>
        <translation>Ich bestätige, dass dies Geld kostet (CONFIRM)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>{alg} spends money on your Capella account: set CONFIRM to true to run it.</source>
        <translation>{alg} kostet Geld auf Ihrem Capella-Konto: Setzen Sie CONFIRM auf wahr, um den Algorithmus auszuführen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/base.py"/>
        <source>No Capella client</source>
        <translation>Kein Capella-Client</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>The input layer has neither an item_json nor a stac_id field; use a footprint layer from a Capella search (dock or capella:searchcatalog).</source>
        <translation>Der Eingabe-Layer hat weder ein Feld item_json noch ein Feld stac_id; verwenden Sie einen Footprint-Layer aus einer Capella-Suche (Fenster oder capella:searchcatalog).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Areas of interest (points or polygons)</source>
        <translation>Interessengebiete (Punkte oder Polygone)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>One request per feature (off: one request for the union of all features)</source>
        <translation>Ein Auftrag pro Objekt (aus: ein Auftrag für die Vereinigung aller Objekte)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Request name</source>
        <translation>Auftragsname</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Name field (wins over NAME)</source>
        <translation>Namensfeld (hat Vorrang vor NAME)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Collection tier</source>
        <translation>Aufnahmestufe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Collection type</source>
        <translation>Aufnahmetyp</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Archive holdback</source>
        <translation>Archivsperrfrist</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Minimum off-nadir angle (°)</source>
        <translation>Minimaler Off-Nadir-Winkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum off-nadir angle (°)</source>
        <translation>Maximaler Off-Nadir-Winkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Image width (m)</source>
        <translation>Bildbreite (m)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Orbital planes</source>
        <translation>Bahnebenen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Polarization</source>
        <translation>Polarisation</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Minimum azimuth angle (°)</source>
        <translation>Minimaler Azimutwinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum azimuth angle (°)</source>
        <translation>Maximaler Azimutwinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Squint</source>
        <translation>Schielwinkel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum squint angle (°)</source>
        <translation>Maximaler Schielwinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Custom attribute 1</source>
        <translation>Eigenes Attribut 1</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Custom attribute 2</source>
        <translation>Eigenes Attribut 2</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Contract id</source>
        <translation>Vertrags-ID</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Cancelled: the remaining requests were not sent</source>
        <translation>Abgebrochen: Die übrigen Aufträge wurden nicht gesendet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Created {kind} request {id} ({status})</source>
        <translation>{kind}-Auftrag {id} erstellt ({status})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>No request was created; see the log</source>
        <translation>Es wurde kein Auftrag erstellt; siehe Protokoll</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_base.py"/>
        <source>The task was stopped.</source>
        <translation>Die Aufgabe wurde angehalten.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>ETA {eta}</source>
        <translation>Restzeit {eta}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>order {id}</source>
        <translation>Bestellung {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>tasking request {id}</source>
        <translation>Aufnahmeauftrag {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>collect {id}</source>
        <translation>Collect {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>{n} product(s)</source>
        <translation>{n} Produkt(e)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>{n} unfinished file(s)</source>
        <translation>{n} unvollständige Datei(en)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>Capella download: {what}</source>
        <translation>Capella-Download: {what}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>{base} — resolving…</source>
        <translation>{base} — wird aufgelöst…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>Nothing to download: no file matches the filters.</source>
        <translation>Nichts herunterzuladen: Keine Datei passt zu den Filtern.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>The tasking request has no collects to download.</source>
        <translation>Der Aufnahmeauftrag hat keine Collects zum Herunterladen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>Nothing to download: the catalog has no products for it yet.</source>
        <translation>Nichts herunterzuladen: Der Katalog enthält noch keine Produkte dafür.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: review order</source>
        <translation>Capella: Bestellung prüfen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: submit order</source>
        <translation>Capella: Bestellung absenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: list orders</source>
        <translation>Capella: Bestellungen auflisten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: fetch download links</source>
        <translation>Capella: Download-Links abrufen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>No active order contains these products; order them first.</source>
        <translation>Keine aktive Bestellung enthält diese Produkte; bestellen Sie sie zuerst.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Capella: footprints of order {id}</source>
        <translation>Capella: Footprints der Bestellung {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_order.py"/>
        <source>Order {id} has no products.</source>
        <translation>Bestellung {id} enthält keine Produkte.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>No results: nothing in the catalog matches these filters and this area.</source>
        <translation>Keine Ergebnisse: Nichts im Katalog passt zu diesen Filtern und diesem Gebiet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>{count} results ({matched} matched) in {secs:.1f} s.</source>
        <translation>{count} Ergebnisse ({matched} Treffer) in {secs:.1f} s.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>Partial result: {count} results from {pages} of {expected} pages were kept; the next page failed: {error}</source>
        <translation>Teilergebnis: {count} Ergebnisse aus {pages} von {expected} Seiten wurden behalten; die nächste Seite ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_search.py"/>
        <source>Capella catalog search</source>
        <translation>Capella-Katalogsuche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>repeat request</source>
        <translation>Wiederholungsauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>tasking request</source>
        <translation>Aufnahmeauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: creating {kind}</source>
        <translation>Capella: {kind} wird erstellt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: searching requests</source>
        <translation>Capella: Aufträge werden gesucht</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>✗ {id}: {reason}</source>
        <translation>✗ {id}: {reason}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>✓ {id}</source>
        <translation>✓ {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>updating</source>
        <translation>aktualisieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>cancelling</source>
        <translation>stornieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: {action} requests</source>
        <translation>Capella: Aufträge {action}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: checking request status</source>
        <translation>Capella: Auftragsstatus wird geprüft</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_test_connection.py"/>
        <source>Logged in as {email} ({org})</source>
        <translation>Angemeldet als {email} ({org})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_test_connection.py"/>
        <source>Testing the Capella Console connection</source>
        <translation>Verbindung zur Capella Console wird getestet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_thumbnails.py"/>
        <source>Capella thumbnails</source>
        <translation>Capella-Vorschaubilder</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Capella results list</source>
        <translation>Capella-Ergebnisliste</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_thumbnails.py"/>
        <source>not an image</source>
        <translation>kein Bild</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>point</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>line</source>
        <translation>Linie</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>polygon</source>
        <translation>Polygon</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area of interest is empty: draw, pick or paste one first.</source>
        <translation>Das Interessengebiet ist leer: Zeichnen, wählen oder fügen Sie zuerst eines ein.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>A {kind} cannot be used here; expected: {allowed}.</source>
        <translation>Ein(e) {kind} kann hier nicht verwendet werden; erwartet: {allowed}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area could not be converted to longitude/latitude ({error}).</source>
        <translation>Das Gebiet konnte nicht in Länge/Breite umgerechnet werden ({error}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Latitudes must lie within −90…90; is the layer's CRS set correctly?</source>
        <translation>Breitengrade müssen zwischen −90 und 90 liegen; ist das KBS des Layers richtig gesetzt?</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Longitudes are far outside −180…180; is the layer's CRS set correctly?</source>
        <translation>Längengrade liegen weit außerhalb von −180…180; ist das KBS des Layers richtig gesetzt?</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The polygon was repaired (makeValid).</source>
        <translation>Das Polygon wurde repariert (makeValid).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source> near {lon:.5f}, {lat:.5f}</source>
        <translation> bei {lon:.5f}, {lat:.5f}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>invalid geometry</source>
        <translation>ungültige Geometrie</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The polygon is invalid ({detail}{where}).</source>
        <translation>Das Polygon ist ungültig ({detail}{where}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>It can be repaired automatically.</source>
        <translation>Es kann automatisch repariert werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area crosses the antimeridian (180°); it was split in two parts.</source>
        <translation>Das Gebiet überquert den Antimeridian (180°); es wurde in zwei Teile geteilt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area crosses the antimeridian (180°). Split it into one part on each side of 180° and search them separately.</source>
        <translation>Das Gebiet überquert den Antimeridian (180°). Teilen Sie es in je einen Teil auf jeder Seite von 180° und durchsuchen Sie diese getrennt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The polygon has no area.</source>
        <translation>Das Polygon hat keine Fläche.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The area is {area:,.0f} km², above the {limit:,.0f} km² limit.</source>
        <translation>Das Gebiet ist {area:,.0f} km² groß und überschreitet die Grenze von {limit:,.0f} km².</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Nothing to read: paste GeoJSON, WKT or a bbox (min lon, min lat, max lon, max lat).</source>
        <translation>Nichts zu lesen: Fügen Sie GeoJSON, WKT oder eine Bbox ein (min. Länge, min. Breite, max. Länge, max. Breite).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The bbox must be four numbers: min lon, min lat, max lon, max lat.</source>
        <translation>Die Bbox muss aus vier Zahlen bestehen: min. Länge, min. Breite, max. Länge, max. Breite.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The bbox minimum must be smaller than its maximum (min lon, min lat, max lon, max lat).</source>
        <translation>Das Minimum der Bbox muss kleiner als ihr Maximum sein (min. Länge, min. Breite, max. Länge, max. Breite).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>This is neither GeoJSON nor valid WKT (e.g. POLYGON((lon lat, …))).</source>
        <translation>Das ist weder GeoJSON noch gültiges WKT (z. B. POLYGON((lon lat, …))).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON is not valid JSON: {error} (line {line}, column {col}).</source>
        <translation>Das GeoJSON ist kein gültiges JSON: {error} (Zeile {line}, Spalte {col}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON contains no geometry.</source>
        <translation>Das GeoJSON enthält keine Geometrie.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON geometry needs a &quot;type&quot; and &quot;coordinates&quot;.</source>
        <translation>Die GeoJSON-Geometrie benötigt &quot;type&quot; und &quot;coordinates&quot;.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The GeoJSON geometry of type {kind} could not be read.</source>
        <translation>Die GeoJSON-Geometrie vom Typ {kind} konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>Pick a vector layer first.</source>
        <translation>Wählen Sie zuerst einen Vektorlayer.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>No feature is selected in layer “{name}”.</source>
        <translation>Im Layer „{name}“ ist kein Objekt ausgewählt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The map extent is empty.</source>
        <translation>Die Kartenausdehnung ist leer.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The map extent could not be converted ({error}).</source>
        <translation>Die Kartenausdehnung konnte nicht umgerechnet werden ({error}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/checks.py"/>
        <source>The map extent lies outside the world&apos;s lon/lat range.</source>
        <translation>Die Kartenausdehnung liegt außerhalb des weltweiten Längen-/Breitenbereichs.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/geometry.py"/>
        <source>Only polygons can be split at the antimeridian.</source>
        <translation>Nur Polygone können am Antimeridian geteilt werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/geometry.py"/>
        <source>The area encloses a pole, so it cannot be cut at the antimeridian. Draw it as two polygons, one on each side of 180°.</source>
        <translation>Das Gebiet umschließt einen Pol und kann daher nicht am Antimeridian geschnitten werden. Zeichnen Sie es als zwei Polygone, je eines auf jeder Seite von 180°.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/aoi/geometry.py"/>
        <source>Nothing is left of the area after cutting it at the antimeridian.</source>
        <translation>Nach dem Schneiden am Antimeridian bleibt vom Gebiet nichts übrig.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The QGIS authentication database is locked: the API key was not stored. Unlock it with the master password and try again.</source>
        <translation>Die QGIS-Authentifizierungsdatenbank ist gesperrt: Der API-Schlüssel wurde nicht gespeichert. Entsperren Sie sie mit dem Master-Passwort und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The QGIS authentication database refused to store the API key.</source>
        <translation>Die QGIS-Authentifizierungsdatenbank hat das Speichern des API-Schlüssels abgelehnt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>No API key configured. Enter your Capella API key in Settings › Options › Capella.</source>
        <translation>Kein API-Schlüssel eingerichtet. Geben Sie Ihren Capella-API-Schlüssel unter Einstellungen › Optionen › Capella ein.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The QGIS authentication system is disabled, so the API key cannot be read.</source>
        <translation>Das QGIS-Authentifizierungssystem ist deaktiviert, daher kann der API-Schlüssel nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>The saved authentication configuration {authcfg} no longer exists. Enter your API key again in Settings › Options › Capella.</source>
        <translation>Die gespeicherte Authentifizierungskonfiguration {authcfg} existiert nicht mehr. Geben Sie Ihren API-Schlüssel unter Einstellungen › Optionen › Capella erneut ein.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/toolbelt/auth.py"/>
        <source>Could not read the API key from the QGIS authentication database (locked or empty configuration {authcfg}).</source>
        <translation>Der API-Schlüssel konnte nicht aus der QGIS-Authentifizierungsdatenbank gelesen werden (gesperrte oder leere Konfiguration {authcfg}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Capella Console</source>
        <translation>Capella Console</translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>Capella requests</source>
        <translation>Capella-Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>points</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>areas</source>
        <translation>Flächen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/requests/layer.py"/>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>No saved search is called “{name}”.</source>
        <translation>Es gibt keine gespeicherte Suche namens „{name}“.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>Give the saved search a name.</source>
        <translation>Geben Sie der gespeicherten Suche einen Namen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>Cannot read {path}: {error}</source>
        <translation>{path} kann nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>This is not a saved-search file (invalid JSON: {error}).</source>
        <translation>Das ist keine Datei mit gespeicherten Suchen (ungültiges JSON: {error}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>This is not a Capella saved-search file.</source>
        <translation>Das ist keine Capella-Datei mit gespeicherten Suchen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/saved_searches.py"/>
        <source>The saved-search file has no “searches” object.</source>
        <translation>Die Datei mit gespeicherten Suchen hat kein Objekt „searches“.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_repeat_request.py"/>
        <source>&lt;p&gt;Creates a repeat request for each point or polygon of INPUT (or one for the union of all features when ONE_PER_FEATURE is off). Cadence: REPEAT_START (default now, UTC), REPETITION_INTERVAL days, and either REPEAT_END or REPETITION_COUNT (not both).&lt;/p&gt;&lt;p&gt;InSAR stacks: choose the &lt;i&gt;insar&lt;/i&gt; tier and an INSAR_ORBIT (MIO_53_2P95 revisits every 2.95 days on the 53° plane, SSO_97_7P00 every 7 days on the 97° plane). Every request is validated before the first is sent.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Erstellt einen Wiederholungsauftrag für jeden Punkt oder jedes Polygon von INPUT (oder einen für die Vereinigung aller Objekte, wenn ONE_PER_FEATURE aus ist). Rhythmus: REPEAT_START (Standard: jetzt, UTC), REPETITION_INTERVAL Tage und entweder REPEAT_END oder REPETITION_COUNT (nicht beides).&lt;/p&gt;&lt;p&gt;InSAR-Stapel: Wählen Sie die Stufe &lt;i&gt;insar&lt;/i&gt; und einen INSAR_ORBIT (MIO_53_2P95 wiederholt alle 2,95 Tage auf der 53°-Ebene, SSO_97_7P00 alle 7 Tage auf der 97°-Ebene). Jeder Auftrag wird geprüft, bevor der erste gesendet wird.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_create_tasking_request.py"/>
        <source>&lt;p&gt;Creates a tasking request for each point or polygon of INPUT (or one for the union of all features when ONE_PER_FEATURE is off; tick &lt;i&gt;Selected features only&lt;/i&gt; to task a selection). Names come from NAME_FIELD, else NAME (numbered when there are several requests).&lt;/p&gt;&lt;p&gt;The collection window defaults to now … now + 7 days (UTC). Every request is validated before the first is sent. OUTPUT holds the created requests with their ids and status; a request the Console refuses is reported and skipped.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Erstellt einen Aufnahmeauftrag für jeden Punkt oder jedes Polygon von INPUT (oder einen für die Vereinigung aller Objekte, wenn ONE_PER_FEATURE aus ist; aktivieren Sie &lt;i&gt;Nur gewählte Objekte&lt;/i&gt;, um eine Auswahl zu beauftragen). Die Namen stammen aus NAME_FIELD, sonst aus NAME (nummeriert, wenn es mehrere Aufträge sind).&lt;/p&gt;&lt;p&gt;Das Aufnahmefenster ist standardmäßig jetzt … jetzt + 7 Tage (UTC). Jeder Auftrag wird geprüft, bevor der erste gesendet wird. OUTPUT enthält die erstellten Aufträge mit ihren IDs und ihrem Status; ein von der Console abgelehnter Auftrag wird gemeldet und übersprungen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>&lt;p&gt;Lists your tasking requests (or your organization&apos;s with FOR_ORG), optionally only those whose current status is in STATUS or submitted in a time range. Polygon AOIs go to OUTPUT, point AOIs to OUTPUT_POINTS.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Listet Ihre Aufnahmeaufträge (oder mit FOR_ORG die Ihrer Organisation), optional nur die, deren aktueller Status in STATUS enthalten ist oder die in einem Zeitraum eingereicht wurden. Polygon-Gebiete gehen nach OUTPUT, Punkt-Gebiete nach OUTPUT_POINTS.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_list_requests.py"/>
        <source>&lt;p&gt;Lists your repeat requests (or your organization&apos;s with FOR_ORG), optionally only those whose current status is in STATUS or submitted in a time range. Polygon AOIs go to OUTPUT, point AOIs to OUTPUT_POINTS.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Listet Ihre Wiederholungsaufträge (oder mit FOR_ORG die Ihrer Organisation), optional nur die, deren aktueller Status in STATUS enthalten ist oder die in einem Zeitraum eingereicht wurden. Polygon-Gebiete gehen nach OUTPUT, Punkt-Gebiete nach OUTPUT_POINTS.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>&lt;p&gt;Asks the Console what ordering the footprints of INPUT (a layer from a Capella search; tick &lt;i&gt;Selected features only&lt;/i&gt; to order a selection) would cost and whether your account may place the order. Nothing is bought.&lt;/p&gt;&lt;p&gt;OUTPUT is an HTML report, or JSON when the file name ends in .json. TOTAL is the order total as a number, AUTHORIZED whether the order would be accepted.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Fragt die Console, was die Bestellung der Footprints von INPUT (ein Layer aus einer Capella-Suche; aktivieren Sie &lt;i&gt;Nur gewählte Objekte&lt;/i&gt;, um eine Auswahl zu bestellen) kosten würde und ob Ihr Konto die Bestellung aufgeben darf. Es wird nichts gekauft.&lt;/p&gt;&lt;p&gt;OUTPUT ist ein HTML-Bericht oder JSON, wenn der Dateiname auf .json endet. TOTAL ist die Bestellsumme als Zahl, AUTHORIZED gibt an, ob die Bestellung angenommen würde.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>&lt;p&gt;Searches the Capella catalog (STAC) and writes the footprints with the same fields as the Capella dock&apos;s search layers (the full STAC item is kept in &lt;i&gt;item_json&lt;/i&gt;, so the output feeds &lt;i&gt;Review order&lt;/i&gt; and &lt;i&gt;Submit order&lt;/i&gt;).&lt;/p&gt;&lt;p&gt;Area of interest: give at most one of AOI (an extent), AOI_GEOMETRY (WKT, EPSG:4326) or AOI_LAYER (the union of its features, selected features only if chosen). Dates are UTC unless an offset is given. QUERY takes SDK-style filters as JSON, e.g. &lt;code&gt;{&quot;platform&quot;: &quot;capella-6&quot;, &quot;look_angle__gte&quot;: 30}&lt;/code&gt;. SORTBY is a field name, prefixed with - for descending (e.g. &lt;code&gt;-datetime&lt;/code&gt;).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Durchsucht den Capella-Katalog (STAC) und schreibt die Footprints mit denselben Feldern wie die Such-Layer des Capella-Fensters (das vollständige STAC-Item steht in &lt;i&gt;item_json&lt;/i&gt;, sodass die Ausgabe in &lt;i&gt;Bestellung prüfen&lt;/i&gt; und &lt;i&gt;Bestellung absenden&lt;/i&gt; weiterverwendet werden kann).&lt;/p&gt;&lt;p&gt;Interessengebiet: Geben Sie höchstens eines von AOI (eine Ausdehnung), AOI_GEOMETRY (WKT, EPSG:4326) oder AOI_LAYER (die Vereinigung seiner Objekte, bei Wahl nur der gewählten) an. Datumsangaben sind UTC, sofern kein Versatz angegeben ist. QUERY nimmt Filter im SDK-Stil als JSON, z. B. &lt;code&gt;{&quot;platform&quot;: &quot;capella-6&quot;, &quot;look_angle__gte&quot;: 30}&lt;/code&gt;. SORTBY ist ein Feldname, mit vorangestelltem - für absteigende Sortierung (z. B. &lt;code&gt;-datetime&lt;/code&gt;).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_submit_order.py"/>
        <source>&lt;p&gt;Orders the products of the footprints in INPUT (a layer from a Capella search; tick &lt;i&gt;Selected features only&lt;/i&gt; to order a selection). The order is reviewed first and refused with the Console&apos;s reason when it is not authorised.&lt;/p&gt;&lt;p&gt;With REUSE_ACTIVE_ORDERS an active order that already contains every product is returned instead of placing a new one. ORDER_ID feeds &lt;i&gt;Download products&lt;/i&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Bestellt die Produkte der Footprints in INPUT (ein Layer aus einer Capella-Suche; aktivieren Sie &lt;i&gt;Nur gewählte Objekte&lt;/i&gt;, um eine Auswahl zu bestellen). Die Bestellung wird zuerst geprüft und mit der Begründung der Console abgelehnt, wenn sie nicht genehmigt ist.&lt;/p&gt;&lt;p&gt;Mit REUSE_ACTIVE_ORDERS wird eine aktive Bestellung, die bereits alle Produkte enthält, zurückgegeben, statt eine neue aufzugeben. ORDER_ID dient als Eingabe für &lt;i&gt;Produkte herunterladen&lt;/i&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/rasters/style.py"/>
        <source>{id}: {type} products are not loaded automatically</source>
        <translation>{id}: {type}-Produkte werden nicht automatisch geladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/rasters/style.py"/>
        <source>{name} (amplitude)</source>
        <translation>{name} (Amplitude)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/rasters/style.py"/>
        <source>{id}: cannot open {file}</source>
        <translation>{id}: {file} kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>I confirm that ordering the products of a tasking request or collects may spend money (CONFIRM)</source>
        <translation>Ich bestätige, dass das Bestellen der Produkte eines Aufnahmeauftrags oder von Collects Geld kosten kann (CONFIRM)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{source} may place an order that spends money on your Capella account: set CONFIRM to true to run it, or give the ORDER_ID of an existing order.</source>
        <translation>{source} kann eine Bestellung aufgeben, die auf Ihrem Capella-Konto Geld kostet: Setzen Sie CONFIRM auf wahr, um den Algorithmus auszuführen, oder geben Sie die ORDER_ID einer bestehenden Bestellung an.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: loading the organization&apos;s contracts</source>
        <translation>Capella: Verträge der Organisation werden geladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>other / unknown</source>
        <translation>sonstige / unbekannt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>The unfinished downloads are already being resumed.</source>
        <translation>Die unvollständigen Downloads werden bereits fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Install required packages</source>
        <translation>Benötigte Pakete installieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Capella Console is incomplete ({problem}). Reinstall it from Plugins › Manage and Install Plugins.</source>
        <translation>Capella Console ist unvollständig ({problem}). Installieren Sie es über Erweiterungen › Erweiterungen verwalten und installieren neu.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>needs the Python packages {what}.</source>
        <translation>benötigt die Python-Pakete {what}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Without the QGIS window, run QGIS&apos; Python like this:
{commands}</source>
        <translation>Ohne QGIS-Fenster führen Sie das Python von QGIS so aus:
{commands}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>The install was stopped.</source>
        <translation>Die Installation wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Installing packages failed: {error}
{output}</source>
        <translation>Die Installation der Pakete ist fehlgeschlagen: {error}
{output}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>The packages were installed, but {what}. Restart QGIS to finish.</source>
        <translation>Die Pakete wurden installiert, aber {what}. Starten Sie QGIS neu, um abzuschließen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Installed. Starting Capella Console…</source>
        <translation>Installiert. Capella Console wird gestartet…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Packages installed into {target}</source>
        <translation>Pakete installiert in {target}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/standin.py"/>
        <source>Packages installed: the plugin is ready.</source>
        <translation>Pakete installiert: die Erweiterung ist bereit.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads_message.py"/>
        <source>Files are in {folder}</source>
        <translation>Die Dateien liegen in {folder}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads_message.py"/>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>Installing Python packages for Capella Console</source>
        <translation>Python-Pakete für Capella Console werden installiert</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>Cancelled: nothing more was installed.</source>
        <translation>Abgebrochen: es wurde nichts weiter installiert.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>pip stopped with exit code {code}; its output is under Details.</source>
        <translation>pip endete mit dem Code {code}; die Ausgabe steht unter Details.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>QGIS&apos; Python: {path}</source>
        <translation>Python von QGIS: {path}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>QGIS&apos; own Python {version} was not found (tried: {tried}). Install the packages with that Python&apos;s pip into {target}.</source>
        <translation>Das Python {version} von QGIS wurde nicht gefunden (versucht: {tried}). Installieren Sie die Pakete mit dem pip dieses Pythons nach {target}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>pip {version}</source>
        <translation>pip {version}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>pip from {wheel}</source>
        <translation>pip aus {wheel}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_install_dependencies.py"/>
        <source>QGIS&apos; Python ({python}) has no pip. Install pip for it (on Debian and Ubuntu: the python3-pip package), then click Install again.</source>
        <translation>Das Python von QGIS ({python}) hat kein pip. Installieren Sie pip dafür (unter Debian und Ubuntu: das Paket python3-pip) und klicken Sie dann erneut auf Installieren.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads.py"/>
        <source>Cannot create the download folder {path}: {error}</source>
        <translation>Der Download-Ordner {path} kann nicht angelegt werden: {error}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Active order already holding every product</source>
        <translation>Aktive Bestellung, die schon alle Produkte enthält</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_review_order.py"/>
        <source>Active order {id} already holds {n} of the products</source>
        <translation>Die aktive Bestellung {id} enthält schon {n} der Produkte</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Review order…</source>
        <translation>Bestellung prüfen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed; its products are in an active order: downloading them.</source>
        <translation>„{what}“ ist abgeschlossen; die Produkte sind in einer aktiven Bestellung: Sie werden heruntergeladen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed; its order costs {total}, within your limit of {cap}: ordering and downloading.</source>
        <translation>„{what}“ ist abgeschlossen; die Bestellung kostet {total} und liegt innerhalb Ihres Limits von {cap}: Es wird bestellt und heruntergeladen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>its order costs {total}, more than your limit of {cap}</source>
        <translation>die Bestellung kostet {total}, mehr als Ihr Limit von {cap}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>the Console did not authorize its order</source>
        <translation>die Console hat die Bestellung nicht genehmigt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>its order is priced in {currency}, your limit in {cap_currency}</source>
        <translation>die Bestellung ist in {currency} bepreist, Ihr Limit in {cap_currency}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>its review gave no total price</source>
        <translation>die Prüfung ergab keinen Gesamtpreis</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed, but {why}: nothing was ordered.</source>
        <translation>„{what}“ ist abgeschlossen, aber {why}: Es wurde nichts bestellt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>“{what}” is completed, but its order could not be reviewed: {error} Nothing was ordered.</source>
        <translation>„{what}“ ist abgeschlossen, aber die Bestellung konnte nicht geprüft werden: {error} Es wurde nichts bestellt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Order {id} placed; downloading {n} product(s) to {folder}.</source>
        <translation>Bestellung {id} aufgegeben; {n} Produkt(e) werden nach {folder} heruntergeladen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/controller.py"/>
        <source>Active order {id} reused; downloading {n} product(s) to {folder}.</source>
        <translation>Aktive Bestellung {id} wiederverwendet; {n} Produkt(e) werden nach {folder} heruntergeladen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Order review of {n} product(s) (nothing is bought yet):</source>
        <translation>Bestellprüfung für {n} Produkt(e) (noch wird nichts gekauft):</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>(already in active order {id})</source>
        <translation>(bereits in aktiver Bestellung {id})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Total: {total}</source>
        <translation>Summe: {total}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Contract: {contract}</source>
        <translation>Vertrag: {contract}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Reusing active order {id}: it holds every product, nothing new is bought</source>
        <translation>Aktive Bestellung {id} wird wiederverwendet: Sie enthält alle Produkte, es wird nichts Neues gekauft</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>the default contract of your account</source>
        <translation>der Standardvertrag Ihres Kontos</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>&lt;p&gt;Downloads the assets of an order (ORDER_ID), of the collects of a completed tasking request (TASKING_REQUEST_ID) or of collects (COLLECT_ID, comma separated). Give exactly one of them. Downloads resume and run in parallel; files already complete are kept unless OVERWRITE is set.&lt;/p&gt;&lt;p&gt;For a tasking request or collects, the products are ordered first; an active order covering them is reused. &lt;b&gt;Ordering products you have not paid for yet may be billed&lt;/b&gt;, so with TASKING_REQUEST_ID or COLLECT_ID the algorithm refuses to run unless CONFIRM is true. An ORDER_ID (from &lt;i&gt;Submit order&lt;/i&gt;) is already ordered and needs no CONFIRM.&lt;/p&gt;&lt;p&gt;Before ordering, the order is reviewed and the review is written to the log: the price of each product, the total, the contract, or the active order that is reused (then nothing new is bought). A review the Console does not authorize orders nothing. With MAX_COST (USD), an order whose total is higher, or cannot be read, is not placed and the algorithm fails, giving the total.&lt;/p&gt;&lt;p&gt;INCLUDE / EXCLUDE filter asset types (raster = HH and VV; exclude wins); PRODUCT_TYPES keeps only those products. FILES lists every file (separated by ;), RASTERS the raster files, loaded on completion when LOAD_OUTPUTS is set.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Lädt die Assets einer Bestellung (ORDER_ID), der Collects eines abgeschlossenen Aufnahmeauftrags (TASKING_REQUEST_ID) oder von Collects (COLLECT_ID, durch Kommas getrennt) herunter. Geben Sie genau eines davon an. Downloads werden fortgesetzt und laufen parallel; bereits vollständige Dateien bleiben erhalten, außer OVERWRITE ist gesetzt.&lt;/p&gt;&lt;p&gt;Für einen Aufnahmeauftrag oder Collects werden die Produkte zuerst bestellt; eine aktive Bestellung, die sie abdeckt, wird wiederverwendet. &lt;b&gt;Das Bestellen noch nicht bezahlter Produkte kann in Rechnung gestellt werden&lt;/b&gt;, daher verweigert der Algorithmus mit TASKING_REQUEST_ID oder COLLECT_ID die Ausführung, außer CONFIRM ist wahr. Eine ORDER_ID (aus &lt;i&gt;Bestellung absenden&lt;/i&gt;) ist bereits bestellt und braucht kein CONFIRM.&lt;/p&gt;&lt;p&gt;Vor dem Bestellen wird die Bestellung geprüft und die Prüfung ins Protokoll geschrieben: der Preis jedes Produkts, die Summe, der Vertrag oder die aktive Bestellung, die wiederverwendet wird (dann wird nichts Neues gekauft). Genehmigt die Console die Bestellung bei der Prüfung nicht, wird nichts bestellt. Mit MAX_COST (USD) wird eine Bestellung, deren Summe höher ist oder sich nicht lesen lässt, nicht aufgegeben, und der Algorithmus schlägt unter Angabe der Summe fehl.&lt;/p&gt;&lt;p&gt;INCLUDE / EXCLUDE filtern Asset-Typen (raster = HH und VV; EXCLUDE hat Vorrang); PRODUCT_TYPES behält nur diese Produkte. FILES listet jede Datei (durch ; getrennt), RASTERS die Rasterdateien, die nach Abschluss geladen werden, wenn LOAD_OUTPUTS gesetzt ist.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Maximum cost (USD)</source>
        <translation>Maximale Kosten (USD)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{label}: {path} is a file; choose a folder.</source>
        <translation>{label}: {path} ist eine Datei; wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{label}: cannot create {path} ({reason}); choose another folder.</source>
        <translation>{label}: {path} kann nicht angelegt werden ({reason}); wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_download.py"/>
        <source>waiting for the server (retry in {n} s)</source>
        <translation>warte auf den Server (neuer Versuch in {n} s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{reason}. Nothing was ordered.</source>
        <translation>{reason}. Es wurde nichts bestellt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Order {id} placed ({total})</source>
        <translation>Bestellung {id} aufgegeben ({total})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>The order costs {total}, more than {label} ({cap})</source>
        <translation>Die Bestellung kostet {total}, mehr als {label} ({cap})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Raise {label}, or leave it empty to order without a limit.</source>
        <translation>Erhöhen Sie {label} oder lassen Sie das Feld leer, um ohne Limit zu bestellen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>The order is priced {total}, not in {currency} like {label} ({cap})</source>
        <translation>Die Bestellung ist mit {total} bepreist, nicht in {currency} wie {label} ({cap})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>Leave {label} empty to order without a limit.</source>
        <translation>Lassen Sie {label} leer, um ohne Limit zu bestellen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>The order review gave no readable total ({total}) to compare with {label}</source>
        <translation>Die Bestellprüfung ergab keine lesbare Summe ({total}) zum Vergleich mit {label}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>{reason}: nothing was ordered. {fix}</source>
        <translation>{reason}: Es wurde nichts bestellt. {fix}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: not valid JSON ({error}); write an object such as {example}</source>
        <translation>{label}: kein gültiges JSON ({error}); schreiben Sie ein Objekt wie {example}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: must be a JSON object such as {example}</source>
        <translation>{label}: muss ein JSON-Objekt sein, z. B. {example}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: the area of interest is empty; give a point or a polygon</source>
        <translation>{label}: Das Interessengebiet ist leer; geben Sie einen Punkt oder ein Polygon an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: a {kind} cannot be used as an area of interest; give points or polygons</source>
        <translation>{label}: Ein(e) {kind} kann nicht als Interessengebiet verwendet werden; geben Sie Punkte oder Polygone an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: the area could not be converted to longitude/latitude ({error})</source>
        <translation>{label}: Das Gebiet konnte nicht in Länge/Breite umgerechnet werden ({error})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: the extent could not be converted to longitude/latitude ({error})</source>
        <translation>{label}: Die Ausdehnung konnte nicht in Länge/Breite umgerechnet werden ({error})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_search_catalog.py"/>
        <source>{label}: repeats parameters given elsewhere: {names}; give each once</source>
        <translation>{label}: wiederholt anderswo angegebene Parameter: {names}; geben Sie jeden nur einmal an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: not a valid date/time; {example}</source>
        <translation>{label}: kein gültiges Datum/keine gültige Uhrzeit; {example}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>a whole number</source>
        <translation>eine ganze Zahl</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not {kind}; give {kind}</source>
        <translation>{label}: „{value}“ ist ungültig, erwartet wird {kind}; geben Sie {kind} an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: {value} is not a finite number; give {kind}</source>
        <translation>{label}: {value} ist keine endliche Zahl; geben Sie {kind} an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: {value:g} is not a whole number; give a whole number</source>
        <translation>{label}: {value:g} ist keine ganze Zahl; geben Sie eine ganze Zahl an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>from {low:g} to {high:g}</source>
        <translation>von {low:g} bis {high:g}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>of at least {low:g}</source>
        <translation>von mindestens {low:g}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>of at most {high:g}</source>
        <translation>von höchstens {high:g}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: {value:g} is out of range; give a value {bound}</source>
        <translation>{label}: {value:g} liegt außerhalb des zulässigen Bereichs; geben Sie einen Wert {bound} an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source> (did you mean {names}?)</source>
        <translation> (meinten Sie {names}?)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source> (several: a list, or separated by commas)</source>
        <translation> (mehrere: als Liste oder durch Kommas getrennt)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>give min,max like 20,50 (leave a side empty for no bound)</source>
        <translation>geben Sie min,max an, z. B. 20,50 (eine Seite leer lassen für keine Grenze)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not a range; {usage}</source>
        <translation>{label}: „{value}“ ist kein Bereich; {usage}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not true or false; give true or false</source>
        <translation>{label}: „{value}“ ist weder wahr noch falsch; geben Sie true oder false an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: this parameter is required; give a value</source>
        <translation>{label}: Dieser Parameter ist erforderlich; geben Sie einen Wert an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not an extent; give xmin,xmax,ymin,ymax and its CRS, e.g. -10,10,-5,5 [EPSG:4326], or a layer</source>
        <translation>{label}: „{value}“ ist keine Ausdehnung; geben Sie xmin,xmax,ymin,ymax und das KBS an, z. B. -10,10,-5,5 [EPSG:4326], oder einen Layer</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: &apos;{value}&apos; is not accepted here; check the value</source>
        <translation>{label}: „{value}“ wird hier nicht akzeptiert; prüfen Sie den Wert</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: '{value}' is not a geometry; give WKT in EPSG:4326 such as POINT(lon lat) or POLYGON((lon lat, …)), or CRS=EPSG:xxxx;WKT for another CRS</source>
        <translation>{label}: „{value}“ ist keine Geometrie; geben Sie WKT in EPSG:4326 an, z. B. POINT(lon lat) oder POLYGON((lon lat, …)), oder CRS=EPSG:xxxx;WKT für ein anderes KBS</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: could not load the layer &apos;{value}&apos;; choose a layer of the project or an existing file</source>
        <translation>{label}: Der Layer „{value}“ konnte nicht geladen werden; wählen Sie einen Layer des Projekts oder eine vorhandene Datei</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{name} / {field}: give the requests a name, or a field to read names from</source>
        <translation>{name} / {field}: Geben Sie den Aufträgen einen Namen oder ein Feld, aus dem die Namen gelesen werden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{label}: the input layer has no field &apos;{field}&apos;; choose one of {names}</source>
        <translation>{label}: Der Eingabe-Layer hat kein Feld „{field}“; wählen Sie eines von {names}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{label}: the layer has no features with a geometry (or none is selected); choose a layer with points or polygons</source>
        <translation>{label}: Der Layer hat keine Objekte mit Geometrie (oder keines ist ausgewählt); wählen Sie einen Layer mit Punkten oder Polygonen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>{label}: feature {fid} has no value in {field}; fill it in, or give a {name} for such features</source>
        <translation>{label}: Objekt {fid} hat keinen Wert in {field}; tragen Sie ihn ein oder geben Sie für solche Objekte {name} an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_thumbnail_scan.py"/>
        <source>Capella footprints</source>
        <translation>Capella-Footprints</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_download_products.py"/>
        <source>no price given</source>
        <translation>kein Preis angegeben</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/downloads_message.py"/>
        <source>The Console sent records that could not be read in full: {lines}</source>
        <translation>Die Console hat Einträge gesendet, die nicht vollständig gelesen werden konnten: {lines}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/controller.py"/>
        <source>{message}: the {count} results received were kept.</source>
        <translation>{message}: Die {count} bereits empfangenen Ergebnisse wurden behalten.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Capella tasking</source>
        <translation>Capella-Aufnahmeauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Archive: {target}</source>
        <translation>Archiv: {target}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Opportunities: {target}</source>
        <translation>Aufnahmemöglichkeiten: {target}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask request “{name}” created. The Console estimates its price next; the Requests dock tells you when it waits for your approval.</source>
        <translation>Auftrag zur erneuten Aufnahme „{name}“ erstellt. Die Console schätzt als Nächstes den Preis; das Aufträge-Fenster meldet, wenn er auf Ihre Genehmigung wartet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask failed: {why}</source>
        <translation>Erneute Beauftragung fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Capella retask</source>
        <translation>Capella-Neubeauftragung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask like the selected footprint…</source>
        <translation>Gewählten Footprint erneut beauftragen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Retask like this…</source>
        <translation>Genauso erneut beauftragen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>Select the footprint to retask first.</source>
        <translation>Wählen Sie zuerst den Footprint aus, der erneut beauftragt werden soll.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/retask_actions.py"/>
        <source>This footprint has no collect id: it cannot be retasked.</source>
        <translation>Dieser Footprint hat keine Collect-ID: Er kann nicht erneut beauftragt werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>orbital plane {planes}</source>
        <translation>Bahnebene {planes}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>ascending</source>
        <translation>aufsteigend</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>descending</source>
        <translation>absteigend</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>looking left</source>
        <translation>Blick nach links</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>looking right</source>
        <translation>Blick nach rechts</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>off-nadir {range}</source>
        <translation>Off-Nadir {range}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>no constraint</source>
        <translation>keine Einschränkung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>{group} ({n} passes)</source>
        <translation>{group} ({n} Überflüge)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Window (UTC)</source>
        <translation>Fenster (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Spacecraft</source>
        <translation>Satellit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Off-nadir</source>
        <translation>Off-Nadir</translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Grazing</source>
        <translation>Streifwinkel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>not cancellable</source>
        <translation>nicht stornierbar</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>free</source>
        <translation>kostenlos</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{p:g} % of the price</source>
        <translation>{p:g} % des Preises</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Cancelling: free (no collect is predicted yet)</source>
        <translation>Stornieren: kostenlos (noch ist kein Collect vorhergesagt)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Cancellation fees (first collect predicted at {t}):</source>
        <translation>Stornogebühren (erster Collect vorhergesagt für {t}):</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>until {t}: {fee}</source>
        <translation>bis {t}: {fee}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>from {t}: {fee}</source>
        <translation>ab {t}: {fee}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{a} … {b}: {fee}</source>
        <translation>{a} … {b}: {fee}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>now: {fee}</source>
        <translation>jetzt: {fee}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} ({name}): status {status}</source>
        <translation>Aufnahmeauftrag {id} ({name}): Status {status}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>No cost estimate yet</source>
        <translation>Noch keine Kostenschätzung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Total: {total} (subtotal {subtotal}); {km2} km²; tier {tier}</source>
        <translation>Summe: {total} (Zwischensumme {subtotal}); {km2} km²; Stufe {tier}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>line item {task}: {km2} km², tier {tier}</source>
        <translation>Position {task}: {km2} km², Stufe {tier}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Approve tasking request</source>
        <translation>Aufnahmeauftrag genehmigen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>&lt;p&gt;A tasking request created without pre-approval waits in &lt;i&gt;review&lt;/i&gt; until its cost estimate is approved; without approval it is never collected. This algorithm reads the estimate of TASKING_REQUEST_ID and writes it to the log: the total, the area in km², the tier, the line items and the cancellation fees against the first predicted collect. While the estimate is being prepared it waits up to WAIT seconds.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Approving spends money.&lt;/b&gt; Without CONFIRM nothing is answered: the review is only reported. With CONFIRM, DECISION approve accepts the estimate and reject declines it. Give EXPECTED_TOTAL (the total you saw, e.g. $1,500.00): when the estimate is no longer that amount nothing is approved. Without it, the total read and logged by this run is the one approved.&lt;/p&gt;&lt;p&gt;Re-running is safe: a request already approved (or pre-approved) or already rejected is reported and left as it is. STATUS is the request's status afterwards, ANSWERED whether this run answered the review.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Ein ohne Vorabgenehmigung erstellter Aufnahmeauftrag wartet im Status &lt;i&gt;review&lt;/i&gt;, bis seine Kostenschätzung genehmigt ist; ohne Genehmigung wird er nie aufgenommen. Dieser Algorithmus liest die Schätzung von TASKING_REQUEST_ID und schreibt sie ins Protokoll: die Summe, die Fläche in km², die Stufe, die Positionen und die Stornogebühren bezogen auf den ersten vorhergesagten Collect. Solange die Schätzung noch erstellt wird, wartet er bis zu WAIT Sekunden.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Genehmigen kostet Geld.&lt;/b&gt; Ohne CONFIRM wird nichts beantwortet: Die Prüfung wird nur gemeldet. Mit CONFIRM nimmt DECISION approve die Schätzung an, reject lehnt sie ab. Geben Sie EXPECTED_TOTAL an (die Summe, die Sie gesehen haben, z. B. $1,500.00): Beträgt die Schätzung nicht mehr diesen Betrag, wird nichts genehmigt. Ohne diese Angabe wird die Summe genehmigt, die dieser Lauf gelesen und protokolliert hat.&lt;/p&gt;&lt;p&gt;Eine erneute Ausführung ist unbedenklich: Ein bereits genehmigter (oder vorab genehmigter) oder bereits abgelehnter Auftrag wird gemeldet und bleibt unverändert. STATUS ist der Status des Auftrags danach, ANSWERED gibt an, ob dieser Lauf die Prüfung beantwortet hat.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Expected total (the total you saw)</source>
        <translation>Erwartete Summe (die Summe, die Sie gesehen haben)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Wait for the cost estimate at most (s)</source>
        <translation>Maximale Wartezeit auf die Kostenschätzung (s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Answer the review: I confirm that approving spends money (CONFIRM)</source>
        <translation>Prüfung beantworten: Ich bestätige, dass das Genehmigen Geld kostet (CONFIRM)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Answered by this run</source>
        <translation>Von diesem Lauf beantwortet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Estimated total</source>
        <translation>Geschätzte Summe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Estimated total (as sent)</source>
        <translation>Geschätzte Summe (wie gesendet)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Accounting area (km²)</source>
        <translation>Abrechnungsfläche (km²)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>First predicted collect</source>
        <translation>Erster vorhergesagter Collect</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{label}: &apos;{value}&apos; is not an amount; give the total the review showed, e.g. $1,500.00 or 1500</source>
        <translation>{label}: „{value}“ ist kein Betrag; geben Sie die Summe an, die die Prüfung gezeigt hat, z. B. $1,500.00 oder 1500</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Waiting for the cost estimate of {id} ({s:.0f} s)</source>
        <translation>Warte auf die Kostenschätzung von {id} ({s:.0f} s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>{label}: the estimate is now {total}, not {expected}</source>
        <translation>{label}: Die Schätzung beträgt jetzt {total}, nicht {expected}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>; nothing was approved. Review it again before approving.</source>
        <translation>; es wurde nichts genehmigt. Prüfen Sie sie erneut, bevor Sie genehmigen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Nothing was answered: this run only read the cost review. Set CONFIRM to true to answer it ({decision}).</source>
        <translation>Es wurde nichts beantwortet: Dieser Lauf hat die Kostenprüfung nur gelesen. Setzen Sie CONFIRM auf wahr, um sie zu beantworten ({decision}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id}: the cost estimate has no readable total, so nothing was approved; review it in the Capella Console.</source>
        <translation>Aufnahmeauftrag {id}: Die Kostenschätzung hat keine lesbare Summe, daher wurde nichts genehmigt; prüfen Sie sie in der Capella Console.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Approved {total}: tasking request {id} is now {status}</source>
        <translation>{total} genehmigt: Aufnahmeauftrag {id} ist jetzt {status}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Rejected: tasking request {id} is now {status}</source>
        <translation>Abgelehnt: Aufnahmeauftrag {id} ist jetzt {status}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is already approved (status {status}): nothing to do</source>
        <translation>Aufnahmeauftrag {id} ist bereits genehmigt (Status {status}): nichts zu tun</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is already rejected: nothing to do</source>
        <translation>Aufnahmeauftrag {id} ist bereits abgelehnt: nichts zu tun</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id}: the cost estimate is not ready yet (status received); run the algorithm again later, or raise {label}.</source>
        <translation>Aufnahmeauftrag {id}: Die Kostenschätzung ist noch nicht fertig (Status received); führen Sie den Algorithmus später erneut aus oder erhöhen Sie {label}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is already approved (status {status}), so its review cannot be rejected; cancel the request instead (cancellation fees may apply).</source>
        <translation>Aufnahmeauftrag {id} ist bereits genehmigt (Status {status}), daher kann seine Prüfung nicht abgelehnt werden; stornieren Sie stattdessen den Auftrag (es können Stornogebühren anfallen).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is {status}, not waiting for cost approval; it cannot be approved.</source>
        <translation>Aufnahmeauftrag {id} hat den Status {status} und wartet nicht auf eine Kostengenehmigung; er kann nicht genehmigt werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_approve_tasking_request.py"/>
        <source>Tasking request {id} is {status}, not waiting for cost approval; it cannot be rejected.</source>
        <translation>Aufnahmeauftrag {id} hat den Status {status} und wartet nicht auf eine Kostengenehmigung; er kann nicht abgelehnt werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{n} groups of passes (orbital plane · orbit direction · look direction):</source>
        <translation>{n} Gruppen von Überflügen (Bahnebene · Orbitrichtung · Blickrichtung):</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{group}: {n} passes, first {first}, off-nadir {lo}–{hi}°</source>
        <translation>{group}: {n} Überflüge, erster {first}, Off-Nadir {lo}–{hi}°</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Check opportunities</source>
        <translation>Aufnahmemöglichkeiten prüfen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>&lt;p&gt;Asks the Console when Capella satellites can see an area of interest (an access request; nothing is bought). Give the area as AOI (a point or a polygon; WKT in EPSG:4326, or CRS=EPSG:xxxx;WKT) or AOI_LAYER (the union of its features), the window (default now … now + 7 days, UTC) and the collect constraints to check.&lt;/p&gt;&lt;p&gt;The Console takes from seconds to a few minutes; the algorithm waits up to TIMEOUT seconds and can be cancelled. If it gives up, run it again with EXISTING_REQUEST set to the access request id it reported: that waits for the same request instead of creating a new one.&lt;/p&gt;&lt;p&gt;OUTPUT has one feature per pass (window, spacecraft, orbital plane, orbit and look direction, off-nadir and grazing ranges, azimuths, local time) and its group; the log summarises the groups. The GROUP_* outputs are the constraints of the group with the most passes, to pass on to &lt;i&gt;Create tasking requests&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Opportunities are physical access only, not a schedule&lt;/b&gt;: they ignore other tasking, so a request may still be collected at another time or not at all.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Fragt die Console, wann Capella-Satelliten ein Interessengebiet sehen können (eine Sichtbarkeitsanfrage; es wird nichts gekauft). Geben Sie das Gebiet als AOI (ein Punkt oder ein Polygon; WKT in EPSG:4326 oder CRS=EPSG:xxxx;WKT) oder als AOI_LAYER (die Vereinigung seiner Objekte) an, dazu das Fenster (Standard: jetzt … jetzt + 7 Tage, UTC) und die zu prüfenden Aufnahmebedingungen.&lt;/p&gt;&lt;p&gt;Die Console braucht Sekunden bis einige Minuten; der Algorithmus wartet bis zu TIMEOUT Sekunden und kann abgebrochen werden. Gibt er auf, führen Sie ihn erneut aus und setzen Sie EXISTING_REQUEST auf die gemeldete ID der Sichtbarkeitsanfrage: Dann wartet er auf dieselbe Anfrage, statt eine neue zu erstellen.&lt;/p&gt;&lt;p&gt;OUTPUT enthält ein Objekt pro Überflug (Fenster, Satellit, Bahnebene, Orbit- und Blickrichtung, Off-Nadir- und Streifwinkelbereich, Azimute, Ortszeit) und seine Gruppe; das Protokoll fasst die Gruppen zusammen. Die GROUP_*-Ausgaben sind die Bedingungen der Gruppe mit den meisten Überflügen, zur Weitergabe an &lt;i&gt;Aufnahmeaufträge erstellen&lt;/i&gt;.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Aufnahmemöglichkeiten beschreiben nur den physischen Zugang, keinen Zeitplan&lt;/b&gt;: Sie berücksichtigen keine anderen Aufträge, daher kann ein Auftrag trotzdem zu einer anderen Zeit oder gar nicht aufgenommen werden.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Area of interest (point or polygon)</source>
        <translation>Interessengebiet (Punkt oder Polygon)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request name</source>
        <translation>Name der Sichtbarkeitsanfrage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Wait at most (s)</source>
        <translation>Maximale Wartezeit (s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Existing access request id (wait for it instead of creating one)</source>
        <translation>ID einer bestehenden Sichtbarkeitsanfrage (auf sie warten, statt eine neue zu erstellen)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Opportunities</source>
        <translation>Aufnahmemöglichkeiten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request id</source>
        <translation>ID der Sichtbarkeitsanfrage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Accessibility (accessible, inaccessible or rejected)</source>
        <translation>Sichtbarkeit (accessible, inaccessible oder rejected)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>First pass opens (UTC)</source>
        <translation>Erster Überflug beginnt (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group (the most passes)</source>
        <translation>Größte Gruppe (die meisten Überflüge)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: orbital plane</source>
        <translation>Größte Gruppe: Bahnebene</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: orbit state</source>
        <translation>Größte Gruppe: Orbitrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: look direction</source>
        <translation>Größte Gruppe: Blickrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Number of opportunities</source>
        <translation>Anzahl der Aufnahmemöglichkeiten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Number of groups</source>
        <translation>Anzahl der Gruppen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: number of passes</source>
        <translation>Größte Gruppe: Anzahl der Überflüge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: minimum off-nadir angle (°)</source>
        <translation>Größte Gruppe: minimaler Off-Nadir-Winkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Top group: maximum off-nadir angle (°)</source>
        <translation>Größte Gruppe: maximaler Off-Nadir-Winkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Give one area of interest: {aoi} or {layer} (got {got})</source>
        <translation>Geben Sie genau ein Interessengebiet an: {aoi} oder {layer} (erhalten: {got})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{label}: a {kind} cannot be checked; give a point or a polygon</source>
        <translation>{label}: Ein(e) {kind} kann nicht geprüft werden; geben Sie einen Punkt oder ein Polygon an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{existing}: the existing access request has its own area; leave {names} empty, or clear {existing} to check a new area</source>
        <translation>{existing}: Die bestehende Sichtbarkeitsanfrage hat ihr eigenes Gebiet; lassen Sie {names} leer oder leeren Sie {existing}, um ein neues Gebiet zu prüfen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source> Run the algorithm again with {label} = {id} to wait for it without creating a new access request.</source>
        <translation> Führen Sie den Algorithmus erneut mit {label} = {id} aus, um darauf zu warten, ohne eine neue Sichtbarkeitsanfrage zu erstellen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request {id}: {status} ({s:.0f} s)</source>
        <translation>Sichtbarkeitsanfrage {id}: {status} ({s:.0f} s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>Access request {id}: {status}</source>
        <translation>Sichtbarkeitsanfrage {id}: {status}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_check_opportunities.py"/>
        <source>{n} opportunities</source>
        <translation>{n} Aufnahmemöglichkeiten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Retask</source>
        <translation>Erneut beauftragen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>&lt;p&gt;Creates a new tasking request like a completed tasking request (TASKING_REQUEST_ID) or a delivered collect (COLLECT_ID, e.g. the collect_id of a footprint); give exactly one. The Console copies the area, the collection mode, the look and orbit direction and the orbital plane, with the off-nadir range at the collect's look angle ±5°.&lt;/p&gt;&lt;p&gt;NAME, DESCRIPTION, the window (default now … now + 7 days, UTC) and the collection tier may be changed; everything else is copied.&lt;/p&gt;&lt;p&gt;The new request waits for its cost estimate and your approval (&lt;i&gt;Approve tasking request&lt;/i&gt;) unless PRE_APPROVAL is set. NEW_TASKING_REQUEST_ID is its id. Each run creates another request.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Erstellt einen neuen Aufnahmeauftrag wie einen abgeschlossenen Aufnahmeauftrag (TASKING_REQUEST_ID) oder einen gelieferten Collect (COLLECT_ID, z. B. die collect_id eines Footprints); geben Sie genau eines davon an. Die Console übernimmt das Gebiet, den Aufnahmemodus, die Blick- und Orbitrichtung und die Bahnebene, mit einem Off-Nadir-Bereich von ±5° um den Blickwinkel des Collects.&lt;/p&gt;&lt;p&gt;NAME, DESCRIPTION, das Fenster (Standard: jetzt … jetzt + 7 Tage, UTC) und die Aufnahmestufe können geändert werden; alles andere wird übernommen.&lt;/p&gt;&lt;p&gt;Der neue Auftrag wartet auf seine Kostenschätzung und Ihre Genehmigung (&lt;i&gt;Aufnahmeauftrag genehmigen&lt;/i&gt;), außer PRE_APPROVAL ist gesetzt. NEW_TASKING_REQUEST_ID ist seine ID. Jede Ausführung erstellt einen weiteren Auftrag.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Completed tasking request id</source>
        <translation>ID des abgeschlossenen Aufnahmeauftrags</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Delivered collect id</source>
        <translation>ID des gelieferten Collects</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>New request name (empty: copied)</source>
        <translation>Name des neuen Auftrags (leer: übernommen)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>New description (empty: copied)</source>
        <translation>Neue Beschreibung (leer: übernommen)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Collection tier (empty: copied)</source>
        <translation>Aufnahmestufe (leer: übernommen)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>New tasking request id</source>
        <translation>ID des neuen Aufnahmeauftrags</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Status of the new request</source>
        <translation>Status des neuen Auftrags</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Waits for cost approval</source>
        <translation>Wartet auf Kostengenehmigung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Give exactly one of {tr} or {collect} (got {got})</source>
        <translation>Geben Sie genau eines von {tr} oder {collect} an (erhalten: {got})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>both</source>
        <translation>beide</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Retask of {source}: created tasking request {id} ({name}), status {status}</source>
        <translation>Erneute Beauftragung von {source}: Aufnahmeauftrag {id} ({name}) erstellt, Status {status}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Copied: look {look}, orbit {orbit}, off-nadir {lo}–{hi}°</source>
        <translation>Übernommen: Blickrichtung {look}, Orbitrichtung {orbit}, Off-Nadir {lo}–{hi}°</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Pre-approved: it goes on once its cost estimate is ready.</source>
        <translation>Vorab genehmigt: Der Auftrag geht weiter, sobald seine Kostenschätzung vorliegt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/alg_retask.py"/>
        <source>Tasking request {id} waits for its cost estimate and your approval; it is not collected until approved. Run Approve tasking request with TASKING_REQUEST_ID={id}.</source>
        <translation>Aufnahmeauftrag {id} wartet auf seine Kostenschätzung und Ihre Genehmigung; er wird erst nach der Genehmigung aufgenommen. Führen Sie „Aufnahmeauftrag genehmigen“ mit TASKING_REQUEST_ID={id} aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>{label}: the geometry cannot be read ({error}); give a point or a polygon</source>
        <translation>{label}: Die Geometrie kann nicht gelesen werden ({error}); geben Sie einen Punkt oder ein Polygon an</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/params.py"/>
        <source>Area of interest</source>
        <translation>Interessengebiet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Minimum grazing angle (°)</source>
        <translation>Minimaler Streifwinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Maximum grazing angle (°)</source>
        <translation>Maximaler Streifwinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/tasking_common.py"/>
        <source>Image length (m)</source>
        <translation>Bildlänge (m)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: reading the cost estimate</source>
        <translation>Capella: Kostenschätzung wird gelesen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Approve: the price was not shown yet; review the cost first.</source>
        <translation>Genehmigen: Der Preis wurde noch nicht angezeigt; prüfen Sie zuerst die Kosten.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>approving</source>
        <translation>genehmigen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>rejecting</source>
        <translation>ablehnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: {action} the cost estimate</source>
        <translation>Capella: Kostenschätzung {action}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: creating a retask request</source>
        <translation>Capella: Auftrag zur erneuten Aufnahme wird erstellt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_review.py"/>
        <source>Capella: reading the collect history</source>
        <translation>Capella: Collect-Verlauf wird gelesen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/tasks/task_tasking.py"/>
        <source>Capella: checking opportunities</source>
        <translation>Capella: Aufnahmemöglichkeiten werden geprüft</translation>
    </message>
    <message>
        <location filename="../capella_qgis/opportunities/style.py"/>
        <source>Opportunities are physical access only: when a satellite can see the target under these constraints. They are not a schedule and ignore other tasking, so a request may still be collected at another time or not at all.</source>
        <translation>Aufnahmemöglichkeiten beschreiben nur den physischen Zugang: wann ein Satellit das Ziel unter diesen Bedingungen sehen kann. Sie sind kein Zeitplan und berücksichtigen keine anderen Aufträge, daher kann ein Auftrag trotzdem zu einer anderen Zeit oder gar nicht aufgenommen werden.</translation>
    </message>
</context>
<context>
    <name>CapellaDockMain</name>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Capella Console</source>
        <translation>Capella Console</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Not tested yet.</source>
        <translation>Noch nicht getestet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.ui"/>
        <source>Workflows</source>
        <translation>Arbeitsabläufe</translation>
    </message>
</context>
<context>
    <name>CapellaPlugin</name>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>&amp;Capella</source>
        <translation>&amp;Capella</translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Capella Console</source>
        <translation>Capella Console</translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Capella</source>
        <translation>Capella</translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Catalog search</source>
        <translation>Katalogsuche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Orders and downloads</source>
        <translation>Bestellungen und Downloads</translation>
    </message>
    <message>
        <location filename="../capella_qgis/plugin.py"/>
        <source>Tasking requests</source>
        <translation>Aufnahmeaufträge</translation>
    </message>
</context>
<context>
    <name>CapellaProcessing</name>
    <message>
        <location filename="../capella_qgis/processing/provider.py"/>
        <source>Capella</source>
        <translation>Capella</translation>
    </message>
    <message>
        <location filename="../capella_qgis/processing/provider.py"/>
        <source>Capella Space Console</source>
        <translation>Capella Space Console</translation>
    </message>
</context>
<context>
    <name>CapellaRequestsDock</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Capella requests</source>
        <translation>Capella-Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Submitted after</source>
        <translation>Eingereicht nach</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Window within</source>
        <translation>Fenster innerhalb von</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Update…</source>
        <translation>Aktualisieren…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Cancel requests</source>
        <translation>Aufträge stornieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Track status changes</source>
        <translation>Statusänderungen verfolgen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Download when completed…</source>
        <translation>Nach Abschluss herunterladen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Order and download the images of the selected tasking requests: completed ones after you review the price, the others automatically when they complete, up to a cost you set.</source>
        <translation>Bestellt die Bilder der ausgewählten Aufnahmeaufträge und lädt sie herunter: abgeschlossene, nachdem Sie den Preis geprüft haben, die übrigen automatisch bei Abschluss, bis zu einem von Ihnen festgelegten Betrag.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Only requests waiting for my approval</source>
        <translation>Nur Aufträge, die auf meine Genehmigung warten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Requests whose cost estimate waits for you to approve or reject it. They are always listed first.</source>
        <translation>Aufträge, deren Kostenschätzung darauf wartet, dass Sie sie genehmigen oder ablehnen. Sie werden immer zuerst aufgeführt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Review cost…</source>
        <translation>Kosten prüfen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>See the Console&apos;s cost estimate of the selected request, with the cancellation fees, and approve or reject it.</source>
        <translation>Zeigt die Kostenschätzung der Console für den ausgewählten Auftrag mit den Stornogebühren; dort können Sie sie genehmigen oder ablehnen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Retask like this…</source>
        <translation>Genauso erneut beauftragen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>A new tasking request with the parameters of the selected completed request (look angle within ±5°). It goes through the cost review like any other.</source>
        <translation>Ein neuer Aufnahmeauftrag mit den Parametern des ausgewählten abgeschlossenen Auftrags (Blickwinkel innerhalb von ±5°). Er durchläuft die Kostenprüfung wie jeder andere.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.ui"/>
        <source>Bulk results</source>
        <translation>Ergebnisse der Sammelaktion</translation>
    </message>
</context>
<context>
    <name>CapellaSearchDock</name>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Capella catalog search</source>
        <translation>Capella-Katalogsuche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Area of interest</source>
        <translation>Interessengebiet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Paste GeoJSON, WKT or min lon, min lat, max lon, max lat</source>
        <translation>GeoJSON, WKT oder min. Länge, min. Breite, max. Länge, max. Breite einfügen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>color: #c0392b;</source>
        <translation>color: #c0392b;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Repair the polygon (makeValid)</source>
        <translation>Polygon reparieren (makeValid)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Saved…</source>
        <translation>Gespeichert…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Group by</source>
        <translation>Gruppieren nach</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Colour by</source>
        <translation>Einfärben nach</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Add quick-looks</source>
        <translation>Vorschaubilder hinzufügen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Export GeoJSON…</source>
        <translation>GeoJSON exportieren…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.ui"/>
        <source>Order selected footprints…</source>
        <translation>Ausgewählte Footprints bestellen…</translation>
    </message>
</context>
<context>
    <name>CapellaSettingsForm</name>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Capella</source>
        <translation>Capella</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Capella Console</source>
        <translation>Capella Console</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>API URL</source>
        <translation>API-URL</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>https://api.capellaspace.com</source>
        <translation>https://api.capellaspace.com</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Paste a new API key to replace the stored one</source>
        <translation>Neuen API-Schlüssel einfügen, um den gespeicherten zu ersetzen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Stored credential</source>
        <translation>Gespeicherte Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Parallel downloads</source>
        <translation>Parallele Downloads</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Add downloaded rasters to the project</source>
        <translation>Heruntergeladene Raster zum Projekt hinzufügen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Search page size</source>
        <translation>Seitengröße der Suche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Request timeout</source>
        <translation>Zeitlimit für Anfragen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.ui"/>
        <source>Verbose logging in the Capella log tab</source>
        <translation>Ausführliche Protokollierung im Protokoll-Reiter „Capella“</translation>
    </message>
</context>
<context>
    <name>CompassWidget</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_compass.py"/>
        <source>Allowed azimuth (target → satellite), clockwise from North</source>
        <translation>Erlaubter Azimut (Ziel → Satellit), im Uhrzeigersinn ab Norden</translation>
    </message>
</context>
<context>
    <name>DlgAutoOrder</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>When {what} is completed, the plugin reviews the order of its images. If the order costs at most the amount below, it is placed without asking again and the images are downloaded to {folder} and added to the project.</source>
        <translation>Wenn {what} abgeschlossen ist, prüft die Erweiterung die Bestellung der Bilder. Kostet die Bestellung höchstens den unten angegebenen Betrag, wird sie ohne erneute Nachfrage aufgegeben, und die Bilder werden nach {folder} heruntergeladen und zum Projekt hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>When each of these {n} requests ({what}) is completed, the plugin reviews the order of its images. If that order costs at most the amount below, it is placed without asking again and the images are downloaded to {folder} and added to the project.</source>
        <translation>Wenn einer dieser {n} Aufträge ({what}) abgeschlossen ist, prüft die Erweiterung die Bestellung seiner Bilder. Kostet diese Bestellung höchstens den unten angegebenen Betrag, wird sie ohne erneute Nachfrage aufgegeben, und die Bilder werden nach {folder} heruntergeladen und zum Projekt hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>If it costs more, or the Console does not authorize it, nothing is ordered and you are shown the review. This choice lasts until QGIS closes or the plugin is reloaded; the plugin only notices the completion while Track status changes is on.</source>
        <translation>Kostet sie mehr oder genehmigt die Console sie nicht, wird nichts bestellt und Ihnen die Prüfung angezeigt. Diese Wahl gilt, bis QGIS geschlossen oder die Erweiterung neu geladen wird; die Erweiterung bemerkt den Abschluss nur, solange „Statusänderungen verfolgen“ eingeschaltet ist.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.py"/>
        <source>Order when completed</source>
        <translation>Nach Abschluss bestellen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.ui"/>
        <source>Order and download when completed</source>
        <translation>Nach Abschluss bestellen und herunterladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_auto_order.ui"/>
        <source>Order automatically if it costs at most</source>
        <translation>Automatisch bestellen bei Kosten von höchstens</translation>
    </message>
</context>
<context>
    <name>DlgCostReview</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Reading the cost estimate from the Console…</source>
        <translation>Kostenschätzung wird von der Console gelesen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The Console shows this request in review but gives no price: it cannot be approved from here. Ask Capella support, or reject it.</source>
        <translation>Die Console zeigt diesen Auftrag in Prüfung, nennt aber keinen Preis: Er kann hier nicht genehmigt werden. Wenden Sie sich an den Capella-Support oder lehnen Sie ihn ab.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The Console estimated the cost of this request. Nothing is collected or charged until you approve this price.</source>
        <translation>Die Console hat die Kosten dieses Auftrags geschätzt. Es wird nichts aufgenommen oder berechnet, bis Sie diesen Preis genehmigen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The Console is still estimating the cost of this request. The Requests dock tells you when the price is ready.</source>
        <translation>Die Console schätzt die Kosten dieses Auftrags noch. Das Aufträge-Fenster meldet, wenn der Preis feststeht.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>This request is {status}: there is no price to answer.</source>
        <translation>Dieser Auftrag hat den Status {status}: Es gibt keinen Preis, über den zu entscheiden wäre.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The price changed since it was shown: it is now {new} (it was {old}). Nothing was approved; approve again to accept the new price.</source>
        <translation>Der Preis hat sich geändert, seit er angezeigt wurde: Er beträgt jetzt {new} (vorher {old}). Es wurde nichts genehmigt; genehmigen Sie erneut, um den neuen Preis anzunehmen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Approved at {total}: the request is now {status}. The Requests dock tracks it.</source>
        <translation>Zu {total} genehmigt: Der Auftrag ist jetzt {status}. Das Aufträge-Fenster verfolgt ihn.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Rejected: the request is now {status} and will not be collected.</source>
        <translation>Abgelehnt: Der Auftrag ist jetzt {status} und wird nicht aufgenommen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>The cost estimate could not be read.</source>
        <translation>Die Kostenschätzung konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Sending your answer to the Console…</source>
        <translation>Ihre Antwort wird an die Console gesendet…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Reject the cost estimate</source>
        <translation>Kostenschätzung ablehnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Reject “{name}” at {total}? The request ends and will not be collected. This cannot be undone.</source>
        <translation>„{name}“ zu {total} ablehnen? Der Auftrag wird beendet und nicht aufgenommen. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Decide later</source>
        <translation>Später entscheiden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>(unnamed request)</source>
        <translation>(unbenannter Auftrag)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Repeat request</source>
        <translation>Wiederholungsauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Tasking request</source>
        <translation>Aufnahmeauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Capella cost review: {name}</source>
        <translation>Capella-Kostenprüfung: {name}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Approve {total}</source>
        <translation>{total} genehmigen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{open}
to {close}</source>
        <translation>{open}
bis {close}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{km2} km²</source>
        <translation>{km2} km²</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Price per image</source>
        <translation>Preis pro Bild</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>until cancelled or ended</source>
        <translation>bis zur Stornierung oder zum Ende</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>open-ended</source>
        <translation>unbefristet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Each image of a repeat request is charged at this price when it is collected.</source>
        <translation>Jedes Bild eines Wiederholungsauftrags wird bei seiner Aufnahme zu diesem Preis berechnet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Capella&apos;s cancellation policy: free more than 72 h before a collect, 25 % of its price from 72 h to 12 h, not cancellable under 12 h.</source>
        <translation>Stornobedingungen von Capella: kostenlos bis mehr als 72 h vor einem Collect, 25 % seines Preises zwischen 72 h und 12 h davor, weniger als 12 h davor nicht stornierbar.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>No collect is predicted yet: cancelling is free until one is.</source>
        <translation>Noch ist kein Collect vorhergesagt: Bis dahin ist das Stornieren kostenlos.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>First predicted collect: {when}</source>
        <translation>Erster vorhergesagter Collect: {when}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Not cancellable from {when}</source>
        <translation>Ab {when} nicht stornierbar</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Free cancellation until {when}</source>
        <translation>Kostenlose Stornierung bis {when}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{percent} of the price{fee} until {when}</source>
        <translation>{percent} des Preises{fee} bis {when}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>If approved now, it can no longer be cancelled.</source>
        <translation>Wird er jetzt genehmigt, kann er nicht mehr storniert werden.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>If approved now, cancelling is free for the moment.</source>
        <translation>Wird er jetzt genehmigt, ist das Stornieren vorerst kostenlos.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>If approved now, cancelling costs {percent} of the price.</source>
        <translation>Wird er jetzt genehmigt, kostet das Stornieren {percent} des Preises.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{km} km away</source>
        <translation>{km} km entfernt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>{open} to {close}</source>
        <translation>{open} bis {close}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.py"/>
        <source>Other requests of your organization that may compete for the same passes:</source>
        <translation>Andere Aufträge Ihrer Organisation, die um dieselben Überflüge konkurrieren können:</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Capella cost review</source>
        <translation>Capella-Kostenprüfung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Accounting size</source>
        <translation>Abrechnungsfläche</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Collection type</source>
        <translation>Aufnahmetyp</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Line item</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Cancellation fees</source>
        <translation>Stornogebühren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Conflicting tasks</source>
        <translation>Konkurrierende Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_cost_review.ui"/>
        <source>Close without answering: the request keeps waiting for your approval in the Requests dock.</source>
        <translation>Ohne Antwort schließen: Der Auftrag wartet im Aufträge-Fenster weiter auf Ihre Genehmigung.</translation>
    </message>
</context>
<context>
    <name>DlgInstallDependencies</name>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Installing {what} for QGIS&apos; own Python into {target}. QGIS&apos; numpy and GDAL are left as they are.</source>
        <translation>{what} wird für das Python von QGIS in {target} installiert. numpy und GDAL von QGIS bleiben unverändert.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Install again</source>
        <translation>Erneut installieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.py"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.ui"/>
        <source>Capella Console: installing Python packages</source>
        <translation>Capella Console: Python-Pakete werden installiert</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/dependencies/dlg_install_dependencies.ui"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>DlgOrderReview</name>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Already in active order {id} (reused)</source>
        <translation>Bereits in aktiver Bestellung {id} (wiederverwendet)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>{n} product(s) to order. Nothing is charged until you confirm.</source>
        <translation>{n} Produkt(e) zu bestellen. Es wird nichts berechnet, bis Sie bestätigen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>All products are in active order {id}; it is reused and nothing new is ordered.</source>
        <translation>Alle Produkte sind in der aktiven Bestellung {id}; sie wird wiederverwendet und nichts Neues bestellt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Use active order</source>
        <translation>Aktive Bestellung verwenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>✔ Authorized</source>
        <translation>✔ Genehmigt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Submit order</source>
        <translation>Bestellung absenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>The order is not authorized.</source>
        <translation>Die Bestellung ist nicht genehmigt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>✖ Not authorized: </source>
        <translation>✖ Nicht genehmigt: </translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.py"/>
        <source>Organization default</source>
        <translation>Standard der Organisation</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Review Capella order</source>
        <translation>Capella-Bestellung prüfen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Subtotal</source>
        <translation>Zwischensumme</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dlg_order_review.ui"/>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
</context>
<context>
    <name>DockMain</name>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.py"/>
        <source>API: {url}</source>
        <translation>API: {url}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.py"/>
        <source>(from CAPELLA_API_URL)</source>
        <translation>(aus CAPELLA_API_URL)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/main/dock_main.py"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
</context>
<context>
    <name>DockOrders</name>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>All orders</source>
        <translation>Alle Bestellungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>Active orders</source>
        <translation>Aktive Bestellungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>{n} order(s)</source>
        <translation>{n} Bestellung(en)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>✖ {message} — retrying in {s} s</source>
        <translation>✖ {message} — neuer Versuch in {s} s</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>{status} (expired)</source>
        <translation>{status} (abgelaufen)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.py"/>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Capella Orders</source>
        <translation>Capella-Bestellungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Order / product</source>
        <translation>Bestellung / Produkt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Load footprints</source>
        <translation>Footprints laden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/orders/dock_orders.ui"/>
        <source>Copy id</source>
        <translation>ID kopieren</translation>
    </message>
</context>
<context>
    <name>OpportunitiesWidget</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Sending the access request…</source>
        <translation>Sichtbarkeitsanfrage wird gesendet…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The Console has queued the access request</source>
        <translation>Die Console hat die Sichtbarkeitsanfrage in die Warteschlange gestellt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The Console is computing the opportunities</source>
        <translation>Die Console berechnet die Aufnahmemöglichkeiten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The opportunities are ready; loading them</source>
        <translation>Die Aufnahmemöglichkeiten sind fertig; sie werden geladen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Waiting for the access request</source>
        <translation>Warte auf die Sichtbarkeitsanfrage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{what} ({seconds:.0f} s). This can take a few minutes.</source>
        <translation>{what} ({seconds:.0f} s). Das kann einige Minuten dauern.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Opportunities not checked: {message}</source>
        <translation>Aufnahmemöglichkeiten nicht geprüft: {message}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{open} – {close}</source>
        <translation>{open} – {close}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>The Console rejected the access request: {reason}</source>
        <translation>Die Console hat die Sichtbarkeitsanfrage abgelehnt: {reason}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Not accessible: no Capella satellite can see this area in {window} under these constraints.{reason} Widen the window or relax the look direction, orbital planes or off-nadir range.</source>
        <translation>Nicht sichtbar: Kein Capella-Satellit kann dieses Gebiet im Zeitraum {window} unter diesen Bedingungen sehen.{reason} Erweitern Sie das Fenster oder lockern Sie Blickrichtung, Bahnebenen oder Off-Nadir-Bereich.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{passes} passes in {groups} groups, {window}. Choose a group or a pass and use its constraints.</source>
        <translation>{passes} Überflüge in {groups} Gruppen, {window}. Wählen Sie eine Gruppe oder einen Überflug und übernehmen Sie die zugehörigen Bedingungen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>On the map: layer “{name}”.</source>
        <translation>In der Karte: Layer „{name}“.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Spacecraft {id}</source>
        <translation>Satellit {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Pass</source>
        <translation>Überflug</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>{start} ({seconds:.0f} s)</source>
        <translation>{start} ({seconds:.0f} s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.py"/>
        <source>Constraints set: {what}.</source>
        <translation>Bedingungen gesetzt: {what}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Check opportunities to see when a Capella satellite can see this area within the window and constraints.</source>
        <translation>Prüfen Sie die Aufnahmemöglichkeiten, um zu sehen, wann ein Capella-Satellit dieses Gebiet innerhalb des Fensters und der Bedingungen sehen kann.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Orbital plane · asc/desc · look</source>
        <translation>Bahnebene · auf-/absteigend · Blickrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Passes</source>
        <translation>Überflüge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>First pass</source>
        <translation>Erster Überflug</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Off-nadir</source>
        <translation>Off-Nadir</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Use these constraints</source>
        <translation>Diese Bedingungen übernehmen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>Set the orbital plane, ascending/descending, look direction and off-nadir range of the selected group or pass in the Constraints tab.</source>
        <translation>Übernimmt Bahnebene, auf-/absteigend, Blickrichtung und Off-Nadir-Bereich der ausgewählten Gruppe bzw. des ausgewählten Überflugs in den Reiter „Aufnahmebedingungen“.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/wdg_opportunities.ui"/>
        <source>font-style: italic;</source>
        <translation>font-style: italic;</translation>
    </message>
</context>
<context>
    <name>RequestUpdateDialog</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Update {n} request(s)</source>
        <translation>{n} Auftrag/Aufträge aktualisieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Custom attribute 1</source>
        <translation>Eigenes Attribut 1</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Custom attribute 2</source>
        <translation>Eigenes Attribut 2</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_request_update.py"/>
        <source>Product types</source>
        <translation>Produkttypen</translation>
    </message>
</context>
<context>
    <name>RequestsController</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Requests</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Capella requests</source>
        <translation>Capella-Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Select one or more requests first.</source>
        <translation>Wählen Sie zuerst einen oder mehrere Aufträge aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Cancel requests</source>
        <translation>Aufträge stornieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Cancel {n} request(s)? Cancellation fees may apply.</source>
        <translation>{n} Auftrag/Aufträge stornieren? Es können Stornogebühren anfallen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Capella request</source>
        <translation>Capella-Auftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” is now {new} (was {old}).</source>
        <translation>„{name}“ ist jetzt {new} (vorher {old}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Select one or more tasking requests first.</source>
        <translation>Wählen Sie zuerst einen oder mehrere Aufnahmeaufträge aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Ordering is not available.</source>
        <translation>Bestellen ist nicht verfügbar.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Reviewing the price of {what}; the order review opens next.</source>
        <translation>Der Preis von {what} wird geprüft; anschließend öffnet sich die Bestellprüfung.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Nothing will be ordered automatically.</source>
        <translation>Es wird nichts automatisch bestellt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” will be ordered and downloaded when completed, if it costs at most {cap}.</source>
        <translation>„{name}“ wird nach Abschluss bestellt und heruntergeladen, wenn die Bestellung höchstens {cap} kostet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{n} requests will be ordered and downloaded when completed, each if it costs at most {cap}.</source>
        <translation>{n} Aufträge werden nach Abschluss bestellt und heruntergeladen, jeweils wenn die Bestellung höchstens {cap} kostet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Turn on Track status changes so the plugin notices.</source>
        <translation>Schalten Sie „Statusänderungen verfolgen“ ein, damit die Erweiterung den Abschluss bemerkt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” ended as {status}: nothing will be ordered.</source>
        <translation>„{name}“ endete mit dem Status {status}: Es wird nichts bestellt.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>The download folder {path} is not writable</source>
        <translation>Der Download-Ordner {path} ist nicht beschreibbar</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{problem}. Nothing was ordered: choose a Download folder you can write to in Settings › Options › Capella.</source>
        <translation>{problem}. Es wurde nichts bestellt: Wählen Sie unter Einstellungen › Optionen › Capella einen beschreibbaren Download-Ordner.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{n} request(s), {k} waiting for your approval</source>
        <translation>{n} Auftrag/Aufträge, davon {k} mit ausstehender Genehmigung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Price of {what} reviewed: decide in the order review.</source>
        <translation>Preis von {what} geprüft: Entscheiden Sie in der Bestellprüfung.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>The price review of {what} ended without an order review; see the message bar.</source>
        <translation>Die Preisprüfung von {what} endete ohne Bestellprüfung; siehe Meldungsleiste.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” waits for your approval: the Console estimates {price}. Nothing is collected or charged until you approve it.</source>
        <translation>„{name}“ wartet auf Ihre Genehmigung: Die Console schätzt {price}. Es wird nichts aufgenommen oder berechnet, bis Sie genehmigen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>its price</source>
        <translation>den Preis</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Capella cost review</source>
        <translation>Capella-Kostenprüfung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Review cost…</source>
        <translation>Kosten prüfen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>{price} per image</source>
        <translation>{price} pro Bild</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Wait for the answer in the cost dialog first.</source>
        <translation>Warten Sie zuerst auf die Antwort im Kostendialog.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” approved at {total}: it is now {status}.</source>
        <translation>„{name}“ zu {total} genehmigt: Der Auftrag ist jetzt {status}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>“{name}” rejected: it is now {status}.</source>
        <translation>„{name}“ abgelehnt: Der Auftrag ist jetzt {status}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/requests_controller.py"/>
        <source>Select one completed tasking request to retask.</source>
        <translation>Wählen Sie einen abgeschlossenen Aufnahmeauftrag zum erneuten Beauftragen aus.</translation>
    </message>
</context>
<context>
    <name>RequestsDock</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Submitted</source>
        <translation>Eingereicht</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Window open</source>
        <translation>Fenster öffnet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>My requests</source>
        <translation>Meine Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>My organization</source>
        <translation>Meine Organisation</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Tasking and repeat</source>
        <translation>Aufnahme und Wiederholung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Tasking</source>
        <translation>Aufnahmeaufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{n} request(s)</source>
        <translation>{n} Auftrag/Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{ok} succeeded, {bad} failed</source>
        <translation>{ok} erfolgreich, {bad} fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>awaiting approval</source>
        <translation>wartet auf Genehmigung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{n} waiting for approval</source>
        <translation>{n} zur Genehmigung offen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>The Console estimated the price: approve or reject it.</source>
        <translation>Die Console hat den Preis geschätzt: Genehmigen oder lehnen Sie ihn ab.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Review cost…</source>
        <translation>Kosten prüfen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Approve…</source>
        <translation>Genehmigen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Retask like this…</source>
        <translation>Genauso erneut beauftragen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Collection type</source>
        <translation>Aufnahmetyp</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>{open} to {close}</source>
        <translation>{open} bis {close}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Its cost estimate waits for your approval: Review cost…</source>
        <translation>Seine Kostenschätzung wartet auf Ihre Genehmigung: Kosten prüfen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Request status</source>
        <translation>Auftragsstatus</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Conflicting tasks</source>
        <translation>Konkurrierende Aufträge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Collects</source>
        <translation>Collects</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>The collect history could not be read: {why}</source>
        <translation>Der Collect-Verlauf konnte nicht gelesen werden: {why}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Reading the collect history…</source>
        <translation>Collect-Verlauf wird gelesen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>No collect yet (one is predicted once the price is estimated).</source>
        <translation>Noch kein Collect (einer wird vorhergesagt, sobald der Preis geschätzt ist).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>Collect {id}</source>
        <translation>Collect {id}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dock_requests.py"/>
        <source>at {when}</source>
        <translation>am {when}</translation>
    </message>
</context>
<context>
    <name>RetaskDialog</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Retask like this</source>
        <translation>Genauso erneut beauftragen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Window opens</source>
        <translation>Fenster öffnet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Window closes</source>
        <translation>Fenster schließt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Retask of {source}</source>
        <translation>Erneute Aufnahme von {source}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Set the collection window (else the Console&apos;s)</source>
        <translation>Aufnahmefenster festlegen (sonst das der Console)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Same as the original</source>
        <translation>Wie das Original</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>The new request goes to the Console&apos;s cost review: nothing is collected or charged until you approve its price.</source>
        <translation>Der neue Auftrag geht in die Kostenprüfung der Console: Es wird nichts aufgenommen oder berechnet, bis Sie seinen Preis genehmigen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>Create request</source>
        <translation>Auftrag erstellen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>the look angle within ±5° of {angle}° ({low}° to {high}°)</source>
        <translation>dem Blickwinkel innerhalb von ±5° um {angle}° ({low}° bis {high}°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>the look angle within ±5° of the original's</source>
        <translation>dem Blickwinkel innerhalb von ±5° um den des Originals</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_retask.py"/>
        <source>A new tasking request like {source}. The Console copies its area, collection type, look direction, orbit direction and orbital plane, with {look}. Change only what you need below.</source>
        <translation>Ein neuer Aufnahmeauftrag wie {source}. Die Console übernimmt Gebiet, Aufnahmetyp, Blickrichtung, Orbitrichtung und Bahnebene, mit {look}. Ändern Sie unten nur, was Sie brauchen.</translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Map canvas extent</source>
        <translation>Ausdehnung des Kartenfensters</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Draw a rectangle</source>
        <translation>Rechteck zeichnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Draw a polygon</source>
        <translation>Polygon zeichnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Selected features of a layer</source>
        <translation>Ausgewählte Objekte eines Layers</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Pasted GeoJSON / WKT</source>
        <translation>Eingefügtes GeoJSON / WKT</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Product type</source>
        <translation>Produkttyp</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Look direction</source>
        <translation>Blickrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Orbit state</source>
        <translation>Orbitrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Load</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Export to JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Import from JSON…</source>
        <translation>Aus JSON importieren…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Draw</source>
        <translation>Zeichnen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>The visible map area is used when you search.</source>
        <translation>Bei der Suche wird der sichtbare Kartenausschnitt verwendet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Area: {area}</source>
        <translation>Fläche: {area}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Fix the highlighted fields; nothing was sent.</source>
        <translation>Korrigieren Sie die markierten Felder; es wurde nichts gesendet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>%v / %m pages</source>
        <translation>%v / %m Seiten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Fetched {done} of {expected} pages ({items} items)…</source>
        <translation>{done} von {expected} Seiten abgerufen ({items} Elemente)…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Search saved.</source>
        <translation>Suche gespeichert.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Loaded “{name}”.</source>
        <translation>„{name}“ geladen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Deleted “{name}”.</source>
        <translation>„{name}“ gelöscht.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Export saved searches</source>
        <translation>Gespeicherte Suchen exportieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Exported {n} saved searches.</source>
        <translation>{n} gespeicherte Suchen exportiert.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Import saved searches</source>
        <translation>Gespeicherte Suchen importieren</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/dock_search.py"/>
        <source>Imported {n} saved searches.</source>
        <translation>{n} gespeicherte Suchen importiert.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Collect</source>
        <translation>Collect</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Instrument mode</source>
        <translation>Aufnahmemodus</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_results.py"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
</context>
<context>
    <name>SearchFiltersWidget</name>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Product type</source>
        <translation>Produkttyp</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Instrument mode</source>
        <translation>Aufnahmemodus</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Polarization</source>
        <translation>Polarisation</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Look direction</source>
        <translation>Blickrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Orbit state</source>
        <translation>Orbitrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Orbital plane</source>
        <translation>Bahnebene</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Collection type</source>
        <translation>Aufnahmetyp</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Frequency band</source>
        <translation>Frequenzband</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Image formation</source>
        <translation>Bilderzeugung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Incidence angle (°)</source>
        <translation>Einfallswinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Look angle (°)</source>
        <translation>Blickwinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Range resolution (m)</source>
        <translation>Range-Auflösung (m)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Azimuth resolution (m)</source>
        <translation>Azimut-Auflösung (m)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Azimuth (°)</source>
        <translation>Azimut (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Squint angle (°)</source>
        <translation>Schielwinkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Layover angle (°)</source>
        <translation>Layover-Winkel (°)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Ground range resolution (m)</source>
        <translation>Ground-Range-Auflösung (m)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Absolute orbit</source>
        <translation>Absoluter Orbit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Relative orbit</source>
        <translation>Relativer Orbit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Local time (HH:MM from–to)</source>
        <translation>Ortszeit (HH:MM von–bis)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>EPSG code</source>
        <translation>EPSG-Code</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Platform (comma separated)</source>
        <translation>Plattform (durch Kommas getrennt)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Collect id(s)</source>
        <translation>Collect-ID(s)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>STAC ids</source>
        <translation>STAC-IDs</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Acquisition time</source>
        <translation>Aufnahmezeit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Incidence angle</source>
        <translation>Einfallswinkel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Look angle</source>
        <translation>Blickwinkel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>Range resolution</source>
        <translation>Range-Auflösung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/filter_specs.py"/>
        <source>STAC id</source>
        <translation>STAC-ID</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Collections</source>
        <translation>Kollektionen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>any</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Ownership</source>
        <translation>Eigentum</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Advanced filters</source>
        <translation>Erweiterte Filter</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>descending</source>
        <translation>absteigend</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>ascending</source>
        <translation>aufsteigend</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Sort by</source>
        <translation>Sortieren nach</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>At most 10,000 results per search.</source>
        <translation>Höchstens 10.000 Ergebnisse pro Suche.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Result limit</source>
        <translation>Ergebnisgrenze</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Any time</source>
        <translation>Beliebiger Zeitraum</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Last 365 days</source>
        <translation>Letzte 365 Tage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Dates (UTC)</source>
        <translation>Datum (UTC)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>The start date is after the end date.</source>
        <translation>Das Startdatum liegt nach dem Enddatum.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>Use two times, e.g. 06:00-18:00.</source>
        <translation>Geben Sie zwei Uhrzeiten an, z. B. 06:00-18:00.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>The start time is after the end time.</source>
        <translation>Die Startzeit liegt nach der Endzeit.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/search/wdg_search_filters.py"/>
        <source>EPSG codes are whole numbers, e.g. 32631.</source>
        <translation>EPSG-Codes sind ganze Zahlen, z. B. 32631.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Folder for downloaded Capella products</source>
        <translation>Ordner für heruntergeladene Capella-Produkte</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>API key stored in the QGIS authentication database (configuration {authcfg}).</source>
        <translation>API-Schlüssel in der QGIS-Authentifizierungsdatenbank gespeichert (Konfiguration {authcfg}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>{var} is set: it is used instead of the stored API key.</source>
        <translation>{var} ist gesetzt: Es wird statt des gespeicherten API-Schlüssels verwendet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>{var} is set: requests go to {url}.</source>
        <translation>{var} ist gesetzt: Anfragen gehen an {url}.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Saving an API key stores it encrypted in the QGIS authentication database; QGIS will ask you to create a master password first.</source>
        <translation>Ein API-Schlüssel wird verschlüsselt in der QGIS-Authentifizierungsdatenbank gespeichert; QGIS fordert Sie zuerst auf, ein Master-Passwort anzulegen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>API keys are stored encrypted in the QGIS authentication database.</source>
        <translation>API-Schlüssel werden verschlüsselt in der QGIS-Authentifizierungsdatenbank gespeichert.</translation>
    </message>
</context>
<context>
    <name>SettingsPageFactory</name>
    <message>
        <location filename="../capella_qgis/gui/settings/dlg_settings.py"/>
        <source>Capella</source>
        <translation>Capella</translation>
    </message>
</context>
<context>
    <name>TaskingController</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>New tasking request from a point…</source>
        <translation>Neuer Aufnahmeauftrag aus einem Punkt…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>New tasking request from a polygon…</source>
        <translation>Neuer Aufnahmeauftrag aus einem Polygon…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>New tasking request from the selected feature…</source>
        <translation>Neuer Aufnahmeauftrag aus dem gewählten Objekt…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Capella tasking</source>
        <translation>Capella-Aufnahmeauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Click the target on the map (Esc cancels).</source>
        <translation>Klicken Sie auf das Ziel in der Karte (Esc bricht ab).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Click the corners; right-click or double-click to finish (Esc cancels).</source>
        <translation>Klicken Sie die Eckpunkte; Rechtsklick oder Doppelklick schließt ab (Esc bricht ab).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Select one feature in a vector layer first.</source>
        <translation>Wählen Sie zuerst ein Objekt in einem Vektorlayer aus.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/controller.py"/>
        <source>Request “{name}” created ({id}).</source>
        <translation>Auftrag „{name}“ erstellt ({id}).</translation>
    </message>
</context>
<context>
    <name>TaskingDialog</name>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Repair (makeValid)</source>
        <translation>Reparieren (makeValid)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Tasking request</source>
        <translation>Aufnahmeauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Repeat request</source>
        <translation>Wiederholungsauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>InSAR stack (repeat, tier insar)</source>
        <translation>InSAR-Stapel (Wiederholung, Stufe insar)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>New Capella tasking request</source>
        <translation>Neuer Capella-Aufnahmeauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>New Capella repeat request</source>
        <translation>Neuer Capella-Wiederholungsauftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>New Capella InSAR stack</source>
        <translation>Neuer Capella-InSAR-Stapel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>AOI: not usable</source>
        <translation>Gebiet: nicht verwendbar</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Draw or select an area of interest first.</source>
        <translation>Zeichnen oder wählen Sie zuerst ein Interessengebiet.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>Planned acquisitions (UTC, nominal):</source>
        <translation>Geplante Aufnahmen (UTC, nominal):</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>, … until cancelled</source>
        <translation>, … bis zur Stornierung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Request</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Collection tier</source>
        <translation>Aufnahmestufe</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Collection type</source>
        <translation>Aufnahmetyp</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Product types</source>
        <translation>Produkttypen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Archive holdback</source>
        <translation>Archivsperrfrist</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Custom attribute 1</source>
        <translation>Eigenes Attribut 1</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Custom attribute 2</source>
        <translation>Eigenes Attribut 2</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Pre-approval</source>
        <translation>Vorabgenehmigung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Submit without manual review</source>
        <translation>Ohne manuelle Prüfung absenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Contract</source>
        <translation>Vertrag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Window open</source>
        <translation>Fenster öffnet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>yyyy-MM-dd HH:mm t</source>
        <translation>yyyy-MM-dd HH:mm t</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Window close</source>
        <translation>Fenster schließt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Repetition</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Cadence</source>
        <translation>Rhythmus</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Repeat start</source>
        <translation>Wiederholungsbeginn</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Repeat end</source>
        <translation>Wiederholungsende</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Repetitions</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Window duration</source>
        <translation>Fensterdauer</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Scene framing</source>
        <translation>Szenenausschnitt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Maintain scene framing</source>
        <translation>Szenenausschnitt beibehalten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Look angle tolerance</source>
        <translation>Toleranz des Blickwinkels</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> °</source>
        <translation> °</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Azimuth tolerance</source>
        <translation>Azimut-Toleranz</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>InSAR orbit</source>
        <translation>InSAR-Orbit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Collect constraints</source>
        <translation>Aufnahmebedingungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Off-nadir min</source>
        <translation>Off-Nadir min.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Off-nadir max</source>
        <translation>Off-Nadir max.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Image width</source>
        <translation>Bildbreite</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Orbital planes</source>
        <translation>Bahnebenen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>45°</source>
        <translation>45°</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>53°</source>
        <translation>53°</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>97°</source>
        <translation>97°</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Ascending/descending</source>
        <translation>Aufsteigend/absteigend</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Look direction</source>
        <translation>Blickrichtung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>06:00-09:00, 18:00-21:00</source>
        <translation>06:00-09:00, 18:00-21:00</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Polarization</source>
        <translation>Polarisation</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Azimuth min</source>
        <translation>Azimut min.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Azimuth max</source>
        <translation>Azimut max.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Squint</source>
        <translation>Schielwinkel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Max squint angle</source>
        <translation>Max. Schielwinkel</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>color: #c62828;</source>
        <translation>color: #c62828;</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Review…</source>
        <translation>Prüfen…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Submit</source>
        <translation>Absenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>organization default</source>
        <translation>Standard der Organisation</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>organization default (loading contracts…)</source>
        <translation>Standard der Organisation (Verträge werden geladen…)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>multi-part geometry</source>
        <translation>mehrteilige Geometrie</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>point {lon:.5f}, {lat:.5f}</source>
        <translation>Punkt {lon:.5f}, {lat:.5f}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>polygon of {area} around {lon:.4f}, {lat:.4f}</source>
        <translation>Polygon mit {area} um {lon:.4f}, {lat:.4f}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>{area} at {lon:.3f}, {lat:.3f}</source>
        <translation>{area} bei {lon:.3f}, {lat:.3f}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>AOI: {aoi}</source>
        <translation>Gebiet: {aoi}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Ask the Console when a Capella satellite can see this area within the window and constraints (nothing is ordered)</source>
        <translation>Die Console fragen, wann ein Capella-Satellit dieses Gebiet innerhalb des Fensters und der Bedingungen sehen kann (es wird nichts bestellt)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: looking for existing captures of this AOI…</source>
        <translation>Archiv: Suche nach vorhandenen Aufnahmen dieses Gebiets…</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: no existing capture of this AOI; a new acquisition is needed.</source>
        <translation>Archiv: Keine vorhandene Aufnahme dieses Gebiets; eine neue Aufnahme ist nötig.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: {captures} captures of this AOI exist already ({products} products, on the map as “{layer}”). Consider ordering one before tasking a new acquisition.</source>
        <translation>Archiv: Es gibt bereits {captures} Aufnahmen dieses Gebiets ({products} Produkte, in der Karte als „{layer}“). Erwägen Sie, eine davon zu bestellen, bevor Sie eine neue Aufnahme beauftragen.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>The catalog matched {n} products in all.</source>
        <translation>Der Katalog fand insgesamt {n} passende Produkte.</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Archive: not searched ({message}).</source>
        <translation>Archiv: nicht durchsucht ({message}).</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Opportunities</source>
        <translation>Aufnahmemöglichkeiten</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Check the request before you submit it:</source>
        <translation>Prüfen Sie den Auftrag, bevor Sie ihn absenden:</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>Show the JSON body</source>
        <translation>JSON-Anfrage anzeigen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.ui"/>
        <source>Check opportunities</source>
        <translation>Aufnahmemöglichkeiten prüfen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/form_summary.py"/>
        <source>Hide the JSON body</source>
        <translation>JSON-Anfrage ausblenden</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} days</source>
        <translation>{n} Tage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>0 min</source>
        <translation>0 min</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>looking left</source>
        <translation>Blick nach links</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>looking right</source>
        <translation>Blick nach rechts</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>ascending passes</source>
        <translation>aufsteigende Überflüge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>descending passes</source>
        <translation>absteigende Überflüge</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>orbital planes {planes}</source>
        <translation>Bahnebenen {planes}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>off-nadir {range}</source>
        <translation>Off-Nadir {range}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>azimuth {range}</source>
        <translation>Azimut {range}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>daytime</source>
        <translation>tagsüber</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>night-time</source>
        <translation>nachts</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>local time: {when}</source>
        <translation>Ortszeit: {when}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>local time {ranges}</source>
        <translation>Ortszeit {ranges}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>image width {width:g} m</source>
        <translation>Bildbreite {width:g} m</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>polarization {p}</source>
        <translation>Polarisation {p}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>squint {mode}</source>
        <translation>Schielwinkel {mode}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>(default)</source>
        <translation>(Standard)</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>at most {angle:g}°</source>
        <translation>höchstens {angle:g}°</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>every {days:g} days</source>
        <translation>alle {days:g} Tage</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>(InSAR orbit {orbit})</source>
        <translation>(InSAR-Orbit {orbit})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>until {end}</source>
        <translation>bis {end}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{n} times</source>
        <translation>{n}-mal</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>until cancelled</source>
        <translation>bis zur Stornierung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>from {start}, {every}, {until}</source>
        <translation>ab {start}, {every}, {until}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Each window</source>
        <translation>Jedes Fenster</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Area of interest</source>
        <translation>Interessengebiet</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{open} → {close} ({duration})</source>
        <translation>{open} → {close} ({duration})</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Collection</source>
        <translation>Aufnahme</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>{tier} tier, {type}</source>
        <translation>Stufe {tier}, {type}</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>the Console&apos;s default</source>
        <translation>Standard der Console</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>Constraints</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>the organization&apos;s default</source>
        <translation>Standard der Organisation</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>yes: collected without a cost review</source>
        <translation>ja: Aufnahme ohne Kostenprüfung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/review.py"/>
        <source>no: the Console estimates the cost and waits for your approval</source>
        <translation>nein: Die Console schätzt die Kosten und wartet auf Ihre Genehmigung</translation>
    </message>
    <message>
        <location filename="../capella_qgis/gui/tasking/dlg_tasking.py"/>
        <source>Caution</source>
        <translation>Vorsicht</translation>
    </message>
</context>
</TS>
