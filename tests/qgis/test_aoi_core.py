"""The QGIS side of AOIs and footprints agrees with core.geometry / core.validation (one rule)."""

from __future__ import annotations

import math
from typing import Any

import pytest
import shapely
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
)

from capella_qgis.aoi import geometry as aoi_geometry
from capella_qgis.aoi.checks import WGS84, check_aoi, parse_aoi_text, parse_geometry_text
from capella_qgis.core import geometry as core
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.validation import TASKING_MAX_AREA_KM2, validate_tasking_geometry
from capella_qgis.footprints.geometry import footprint_gpkg_blob, footprint_wkt
from capella_qgis.processing.params import geojson as processing_geojson
from tests.qgis.processing_support import api_calls, memory_layer, run

BOWTIE = "POLYGON ((10 50, 10.1 50.1, 10.1 50, 10 50.1, 10 50))"
SMALL = "POLYGON ((10 50, 10.05 50, 10.05 50.05, 10 50.05, 10 50))"
ACROSS = "POLYGON ((179.5 10, 180.5 10, 180.5 11, 179.5 11, 179.5 10))"


def test_invalid_polygon_reason_place_and_repair_come_from_core() -> None:
    result = check_aoi(QgsGeometry.fromWkt(BOWTIE), WGS84)
    assert not result.ok
    assert "The polygon is invalid (Self-intersection near 10.05000, 50.05000)." in result.message
    assert result.self_intersections == [QgsPointXY(10.05, 50.05)]
    assert result.repairable and result.repaired.isGeosValid()
    repaired = check_aoi(QgsGeometry.fromWkt(BOWTIE), WGS84, repair=True)
    assert repaired.ok and repaired.geometry.isMultipart()
    assert repaired.area_km2 == pytest.approx(
        core.area_km2(core.repair_polygon(shapely.from_wkt(BOWTIE)))
    )


def test_area_and_bbox_are_the_core_ones() -> None:
    result = check_aoi(QgsGeometry.fromWkt(SMALL), WGS84)
    assert result.ok
    assert result.area_km2 == core.area_km2(shapely.from_wkt(SMALL))
    assert result.bbox == pytest.approx((10, 50, 10.05, 50.05))


def test_reprojected_area_matches_the_lon_lat_one() -> None:
    box = QgsGeometry.fromWkt(SMALL)
    mercator = QgsCoordinateReferenceSystem("EPSG:3857")
    projected = QgsGeometry(box)
    projected.transform(
        QgsCoordinateTransform(WGS84, mercator, QgsProject.instance().transformContext())
    )
    result = check_aoi(projected, mercator)
    assert result.ok and result.area_km2 == pytest.approx(check_aoi(box, WGS84).area_km2, rel=1e-9)


def test_antimeridian_split_is_the_core_split() -> None:
    result = check_aoi(QgsGeometry.fromWkt(ACROSS), WGS84)
    assert result.ok and result.split and result.crosses_antimeridian
    assert result.geometry.constGet().numGeometries() == 2
    assert result.bbox == pytest.approx((-180, 10, 180, 11))
    cut = core.split_antimeridian(shapely.from_wkt(ACROSS))
    assert result.area_km2 == pytest.approx(core.area_km2(cut))


def test_a_pole_cannot_be_split() -> None:
    polar = QgsGeometry.fromPolygonXY([[QgsPointXY(x, 80) for x in (0, 90, 180, -90, 0)]])
    cut, reason = aoi_geometry.split_antimeridian(polar)
    assert cut is None and "encloses a pole" in reason
    cut, reason = aoi_geometry.split_antimeridian(QgsGeometry.fromWkt("POINT (179 0)"))
    assert cut is None and "Only polygons" in reason


def test_nan_coordinates_are_refused() -> None:
    geometry = QgsGeometry.fromPolygonXY(
        [[QgsPointXY(10, 50), QgsPointXY(math.nan, 50), QgsPointXY(10, 51), QgsPointXY(10, 50)]]
    )
    result = check_aoi(geometry, WGS84)
    assert not result.ok and "Latitudes must lie" in result.message


def test_pasted_geojson_is_read_by_core_and_keeps_its_digits() -> None:
    text = '{"type": "Point", "coordinates": [12.123456789012, 41.987654321098]}'
    geometry, error = parse_geometry_text(text)
    assert error == "" and geometry.asPoint() == QgsPointXY(12.123456789012, 41.987654321098)
    collection = (
        '{"type": "FeatureCollection", "features": ['
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}},'
        '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [3, 4]}}]}'
    )
    geometry, error = parse_geometry_text(collection)
    assert error == "" and geometry.constGet().numGeometries() == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"type": "Point",\n "coordinates": [1, 2}', "not valid JSON: "),
        ('{"type": "Point", "coordinates": [NaN, 2]}', "not valid JSON"),
        ('{"type": "FeatureCollection", "features": []}', "contains no geometry"),
        ('{"type": "Polygon"}', 'needs a "type" and "coordinates"'),
        ('{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}', "type Polygon could"),
    ],
)
def test_pasted_geojson_errors(text: str, message: str) -> None:
    result = parse_aoi_text(text)
    assert not result.ok and message in result.message


def test_one_geojson_converter_for_the_form_and_processing() -> None:
    geometry = QgsGeometry.fromWkt("POINT (10.1234567891234 50.1)")
    checked = check_aoi(geometry, WGS84, allowed=("point",))
    assert (
        checked.geojson()
        == processing_geojson(geometry)
        == {
            "type": "Point",
            "coordinates": [10.123456789, 50.1],
        }
    )


def test_footprints_split_like_the_core() -> None:
    ring = [[179.5, 10.0], [-179.5, 10.0], [-179.5, 11.0], [179.5, 11.0], [179.5, 10.0]]
    footprint = {"type": "Polygon", "coordinates": [ring]}
    wkt = footprint_wkt(footprint)
    assert wkt is not None
    split = shapely.from_wkt(wkt)
    assert split.equals(core.split_antimeridian(shapely.Polygon(ring)))
    blob, envelope = footprint_gpkg_blob(footprint)
    assert blob is not None and envelope == (-180.0, 180.0, 10.0, 11.0)
    assert shapely.from_wkb(blob[40:]).equals(split)  # after the GeoPackage header
    polar = {"type": "Polygon", "coordinates": [[[0, 80], [90, 80], [180, 80], [-90, 80], [0, 80]]]}
    assert footprint_wkt(polar) is None and footprint_gpkg_blob(polar) == (None, None)


@pytest.mark.parametrize(
    ("wkt", "snippet"),
    [
        (BOWTIE, "Self-intersection"),
        ("POLYGON ((0 0, 1.2 0, 1.2 1.2, 0 1.2, 0 0))", "km² limit"),
    ],
)
def test_processing_and_core_refuse_the_same_polygons(
    capella_env: Any, wkt: str, snippet: str
) -> None:
    with pytest.raises(InputError, match=snippet):
        validate_tasking_geometry(shapely.from_wkt(wkt))
    layer = memory_layer("Polygon", [wkt])
    with pytest.raises(QgsProcessingException, match=snippet):
        run(
            "capella:createtaskingrequest",
            {"INPUT": layer, "NAME": "x", "CONFIRM": True, "OUTPUT": "memory:"},
        )
    assert api_calls(capella_env) == []


def test_processing_names_the_parameter_of_a_core_refusal(capella_env: Any) -> None:
    layer = memory_layer("Polygon", ["POLYGON ((0 0, 1.2 0, 1.2 1.2, 0 1.2, 0 0))"])
    with pytest.raises(QgsProcessingException) as info:
        run(
            "capella:createtaskingrequest",
            {"INPUT": layer, "NAME": "big", "CONFIRM": True, "OUTPUT": "memory:"},
        )
    assert "\nbig: Areas of interest (points or polygons): the area is" in str(info.value)
    assert f"{TASKING_MAX_AREA_KM2:,.0f} km² limit" in str(info.value)
    assert api_calls(capella_env) == []
