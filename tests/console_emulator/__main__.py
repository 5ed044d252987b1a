"""CLI: ``python -m tests.console_emulator [--host H] [--port P] [--items N] [--seed S]``."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from tests.console_emulator.server import Emulator


def build_emulator(argv: list[str] | None = None) -> Emulator:
    """The emulator the command line describes (not started)."""
    parser = argparse.ArgumentParser(prog="python -m tests.console_emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--api-key", action="append", dest="api_keys")
    parser.add_argument("--token", action="append", dest="tokens")
    parser.add_argument("--asset-host", default="localhost")
    parser.add_argument("--asset-size", type=int, default=None)
    parser.add_argument(
        "--review-delay",
        type=float,
        default=None,
        help="seconds until a new tasking request's cost estimate is ready (review)",
    )
    parser.add_argument(
        "--access-delay",
        type=float,
        default=None,
        help="seconds until an access request's processingStatus is completed",
    )
    args = parser.parse_args(argv)
    emu = Emulator(
        items=args.items,
        seed=args.seed,
        host=args.host,
        port=args.port,
        api_keys=tuple(args.api_keys or ("demo",)),
        tokens=tuple(args.tokens or ("demo-token",)),
        asset_host=args.asset_host,
        asset_size=args.asset_size,
    )
    for key, value in (("review_delay", args.review_delay), ("access_delay", args.access_delay)):
        if value is not None:
            emu.state.set_default(key, value)  # kept across resets
    return emu


def main(argv: list[str] | None = None) -> int:
    emu = build_emulator(argv).start()
    print(f"Console emulator listening on {emu.url}", flush=True)
    return serve_until_signalled(emu)


def serve_until_signalled(emu: Emulator) -> int:
    """Keep a started emulator serving until SIGINT/SIGTERM, then stop it; exit status 0."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    finally:
        emu.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
