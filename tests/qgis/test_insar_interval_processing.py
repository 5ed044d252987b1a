"""capella:createrepeatrequest with an InSAR orbit sends the interval its orbit repeats on.

``MIO_53_2P95`` repeats every 2.95 days, sent as 3 (docs/tasking.md, "InSAR orbits: interval
sent"). Left unset, REPETITION_INTERVAL is the orbit's; a 7 is refused with the parameter's
label and the fix, before anything is sent.
"""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.processing_support import api_calls, memory_layer, run

SQUARE = "POLYGON((10 10,10.1 10,10.1 10.1,10 10.1,10 10))"


def _params(**extra: object) -> dict[str, object]:
    return {
        "INPUT": memory_layer("Polygon", [SQUARE]),
        "NAME": "stack",
        "COLLECTION_TIER": "insar",
        "INSAR_ORBIT": "MIO_53_2P95",
        "REPEAT_START": "2030-01-01T00:00:00Z",
        "REPETITION_COUNT": 4,
        "CONFIRM": True,
        "OUTPUT": "memory:",
        **extra,
    }


def test_another_interval_is_refused_before_sending(capella_env) -> None:
    with pytest.raises(QgsProcessingException) as exc_info:
        run("capella:createrepeatrequest", _params(REPETITION_INTERVAL=7))
    text = str(exc_info.value)
    assert "Repetition interval (days)" in text  # the parameter's label, not the field name
    assert "set the interval to 3 days" in text and "not 7" in text
    assert api_calls(capella_env) == []


@pytest.mark.parametrize("interval", [None, 3, 6])
def test_the_orbit_interval_or_a_multiple_is_sent(capella_env, interval: object) -> None:
    extra = {} if interval is None else {"REPETITION_INTERVAL": interval}
    result = run("capella:createrepeatrequest", _params(**extra))
    assert result["CREATED"] == 1
    [post] = [r for r in api_calls(capella_env) if r.method == "POST"]
    props = post.json["properties"]
    assert props["insar"] == {"orbit": "MIO_53_2P95"}
    assert props["repetitionProperties"]["repetitionInterval"] == (interval or 3)
