"""core.geometry: GeoJSON in/out (geojson), validity, area and the antimeridian (shapely)."""

from __future__ import annotations

import json
import math

import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from capella_qgis.core import geometry as g
from capella_qgis.core.exceptions import InputError

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[10, 50], [10.1, 50.1], [10.1, 50], [10, 50.1], [10, 50]]],
}
ACROSS = [[179.5, 10.0], [-179.5, 10.0], [-179.5, 11.0], [179.5, 11.0], [179.5, 10.0]]
# WGS84 ellipsoid surface (km²) and the exact area of the 1° cell at the equator.
EARTH_KM2 = 510_065_621.724
EQUATOR_CELL_KM2 = 12_308.463_894


# --- GeoJSON in ----------------------------------------------------------------------------


def test_geometry_dict_accepts_features_geo_interface_and_text() -> None:
    plain = {"type": "Point", "coordinates": [1.5, 2.5]}
    assert g.geometry_dict({"type": "Feature", "geometry": plain, "properties": {}}) == plain
    assert g.geometry_dict(Point(1.5, 2.5)) == plain  # tuples become lists
    assert g.geometry_dict(json.dumps(plain)) == plain
    out = g.geometry_dict(SQUARE)
    assert out == SQUARE and out is not SQUARE  # a copy: callers may keep it


@pytest.mark.parametrize("value", [None, 5, ["Point"], object()])
def test_geometry_dict_refuses_what_is_no_geometry(value: object) -> None:
    with pytest.raises(InputError, match="expected a GeoJSON geometry") as info:
        g.geometry_dict(value)
    assert info.value.field == "geometry"


def test_read_geojson_geometry_feature_and_collection() -> None:
    assert g.read_geojson(json.dumps(SQUARE)) == [SQUARE]
    feature = {"type": "Feature", "geometry": SQUARE, "properties": None}
    assert g.read_geojson(json.dumps(feature)) == [SQUARE]
    point = {"type": "Point", "coordinates": [3, 4]}
    collection = {
        "type": "FeatureCollection",
        "features": [feature, {"type": "Feature", "geometry": point}, {"geometry": None}],
    }
    assert g.read_geojson(json.dumps(collection)) == [SQUARE, point]


def test_read_geojson_keeps_every_digit() -> None:
    # The geojson package rounds to 6 decimals when it builds objects; reading must not.
    precise = {"type": "Point", "coordinates": [12.123456789012, 41.987654321098]}
    assert g.read_geojson(json.dumps(precise)) == [precise]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"type": "Polygon"', "GEOJSON_NOT_JSON"),
        ('{"type": "Point", "coordinates": [NaN, 1]}', "GEOJSON_NOT_JSON"),
        ("[1, 2]", "GEOJSON_EMPTY"),
        ('{"type": "FeatureCollection", "features": []}', "GEOJSON_EMPTY"),
        ('{"type": "Polygon"}', "GEOJSON_SHAPE"),
        ('{"type": "Point", "coordinates": ["a", 1]}', "GEOJSON_UNREADABLE"),
        ('{"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}', "GEOJSON_UNREADABLE"),
        ('{"type": "Circle", "coordinates": [0, 0]}', "GEOJSON_UNREADABLE"),
    ],
)
def test_read_geojson_says_why(text: str, code: str) -> None:
    with pytest.raises(g.GeoJSONError) as info:
        g.read_geojson(text)
    assert info.value.code == code


def test_read_geojson_not_json_carries_line_and_column() -> None:
    with pytest.raises(g.GeoJSONError) as info:
        g.read_geojson('{\n  "type": "Point",\n  "coordinates": [1, 2\n}')
    assert info.value.detail["line"] == 4 and info.value.detail["column"] == 1
    assert "line 4, column 1" in str(info.value)


@pytest.mark.parametrize(
    ("geometry", "snippet"),
    [
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}, "end where"),
        ({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}, "at least 4"),
        ({"type": "Point", "coordinates": [1, 2, 3, 4]}, "2 or 3 values"),
        ({"type": "LineString", "coordinates": [[0, 0]]}, "two or more"),
        ({"type": "Point", "coordinates": 5}, "must be an array"),
        ({"type": "GeometryCollection", "geometries": [{"type": "Point"}]}, "must be an array"),
    ],
)
def test_structure_errors(geometry: dict, snippet: str) -> None:
    problem = g.structure_error(geometry)
    assert problem is not None and snippet in problem


def test_structure_of_good_geometries() -> None:
    assert g.structure_error(SQUARE) is None
    collection = {
        "type": "GeometryCollection",
        "geometries": [SQUARE, {"type": "Point", "coordinates": [1, 2]}],
    }
    assert g.structure_error(collection) is None


@pytest.mark.parametrize(
    ("position", "snippet"),
    [
        ([math.nan, 50], "NaN or infinity"),
        ([10, math.inf], "NaN or infinity"),
        ([True, 50], "expected [longitude, latitude]"),
        ([10], "expected [longitude, latitude]"),
        ("10,50", "expected [longitude, latitude]"),
        ([181, 50], "outside WGS84"),
        ([10, -90.5], "outside WGS84"),
    ],
)
def test_position_errors(position: object, snippet: str) -> None:
    problem = g.position_error(position)
    assert problem is not None and snippet in problem


def test_good_positions() -> None:
    assert g.position_error([180, -90]) is None
    assert g.position_error((10.5, 50.25, 120.0)) is None


# --- GeoJSON out ---------------------------------------------------------------------------


def test_to_geojson_round_trip_and_rounding() -> None:
    assert g.to_geojson(g.to_shape(SQUARE)) == {
        "type": "Polygon",
        "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]],
    }
    assert g.to_geojson(Point(1.123456789, 2.5), precision=3) == {
        "type": "Point",
        "coordinates": [1.123, 2.5],
    }
    collection = shapely.GeometryCollection([Point(1, 2), box(0, 0, 1, 1)])
    out = g.to_geojson(collection)
    assert out["type"] == "GeometryCollection" and len(out["geometries"]) == 2
    json.dumps(out)  # plain JSON


def test_to_shape_refuses_unreadable_coordinates() -> None:
    with pytest.raises(g.GeoJSONError) as info:
        g.to_shape({"type": "Polygon", "coordinates": [[[0, 0], [1, 0]]]})
    assert info.value.code == "GEOJSON_UNREADABLE" and info.value.field == "geometry"


# --- validity, repair, measures ------------------------------------------------------------


def test_invalidity_names_the_reason_and_the_place() -> None:
    problem = g.invalidity(g.to_shape(BOWTIE))
    assert problem is not None
    assert problem.reason == "Self-intersection"
    assert problem.location == pytest.approx((10.05, 50.05))
    assert problem.describe() == "Self-intersection near 10.05000, 50.05000"
    assert g.invalidity(g.to_shape(SQUARE)) is None


def test_repair_keeps_the_polygon_parts() -> None:
    fixed = g.repair_polygon(g.to_shape(BOWTIE))
    assert fixed is not None and fixed.is_valid
    assert fixed.geom_type == "MultiPolygon" and len(fixed.geoms) == 2
    assert g.repair_polygon(shapely.LineString([(0, 0), (1, 1)])) is None


def test_area_is_the_ellipsoidal_area() -> None:
    assert g.area_km2(g.to_shape(SQUARE)) == pytest.approx(EQUATOR_CELL_KM2, rel=1e-9)
    world = box(-180, -90, 180, 90)
    assert g.area_km2(world) == pytest.approx(EARTH_KM2, rel=1e-6)
    # Small AOI at 50°N: ~20 km², as QGIS' ellipsoidal measure gives (19.926373).
    small = box(10, 50, 10.05, 50.05)
    assert g.area_km2(small) == pytest.approx(19.926373, rel=1e-6)
    # A cut footprint measures the same as the unwrapped original.
    whole = Polygon([(179.5, 10), (180.5, 10), (180.5, 11), (179.5, 11)])
    assert g.area_km2(g.split_antimeridian(whole)) == pytest.approx(g.area_km2(whole))


def test_area_of_points_lines_and_empties_is_zero() -> None:
    assert g.area_km2(Point(1, 2)) == 0.0
    assert g.area_km2(shapely.LineString([(0, 0), (1, 1)])) == 0.0
    assert g.area_km2(Polygon()) == 0.0


def test_bounds_and_finiteness() -> None:
    assert g.bounds(g.to_shape(SQUARE)) == (0.0, 0.0, 1.0, 1.0)
    assert g.bounds(Polygon()) is None
    assert g.finite_coordinates(g.to_shape(SQUARE))
    assert not g.finite_coordinates(Point(math.nan, 1))


# --- antimeridian --------------------------------------------------------------------------


def test_ring_jumps_and_crossings() -> None:
    assert g.ring_jumps(ACROSS)
    assert not g.ring_jumps(SQUARE["coordinates"][0])
    world = [[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]
    assert not g.ring_jumps(world)  # runs along the map edge
    assert not g.crosses_antimeridian(box(-180, -90, 180, 90))
    assert g.crosses_antimeridian(Polygon(ACROSS))
    assert g.crosses_antimeridian(box(170, -10, 190, 10))  # unwrapped beyond 180
    assert not g.crosses_antimeridian(Polygon())


def test_unwrap_ring_makes_longitudes_continuous() -> None:
    ring, pole = g.unwrap_ring(ACROSS)
    assert [x for x, _ in ring] == [179.5, 180.5, 180.5, 179.5, 179.5]
    assert not pole
    shifted, _ = g.unwrap_ring([[-179.6, 10.2], [-179.6, 10.4], [-179.7, 10.4]], reference=179.5)
    assert shifted[0][0] == pytest.approx(180.4)  # a hole follows its exterior ring
    _, pole = g.unwrap_ring([[0, 80], [90, 80], [180, 80], [-90, 80], [0, 80]])
    assert pole


def test_split_at_the_antimeridian() -> None:
    cut = g.split_antimeridian(Polygon(ACROSS))
    assert cut.geom_type == "MultiPolygon" and len(cut.geoms) == 2
    assert cut.is_valid
    assert cut.bounds == (-180.0, 10.0, 180.0, 11.0)
    assert cut.area == pytest.approx(1.0)
    already_unwrapped = g.split_antimeridian(box(170, -10, 190, 10))
    assert already_unwrapped.bounds == (-180.0, -10.0, 180.0, 10.0)
    plain = g.split_antimeridian(g.to_shape(SQUARE))
    assert plain.equals(shapely.MultiPolygon([g.to_shape(SQUARE)]))


def test_split_keeps_holes_with_their_exterior() -> None:
    hole = [(179.8, 10.2), (-179.8, 10.2), (-179.8, 10.8), (179.8, 10.8), (179.8, 10.2)]
    cut = g.split_antimeridian(Polygon(ACROSS, [hole]))
    assert cut.area == pytest.approx(1.0 - 0.4 * 0.6)


@pytest.mark.parametrize(
    ("shape", "code"),
    [
        (Polygon([(0, 80), (90, 80), (180, 80), (-90, 80), (0, 80)]), "POLE"),
        (Point(179, 0), "NOT_POLYGON"),
        (shapely.MultiPolygon(), "NOT_POLYGON"),
    ],
)
def test_split_refusals(shape: object, code: str) -> None:
    with pytest.raises(g.AntimeridianError) as info:
        g.split_antimeridian(shape)
    assert info.value.code == code and info.value.field == "geometry"


def test_wrap_longitude() -> None:
    assert g.wrap_longitude(190) == -170
    assert g.wrap_longitude(-190) == 170
    assert g.wrap_longitude(10) == 10
    assert g.wrap_longitude(180) == -180
