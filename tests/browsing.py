"""Debian's Chromium for the browser tests, driven by Playwright.

Never `playwright install`: it downloads a browser, which this machine cannot.
The flags keep Chromium from reaching for the network on its own (its update,
sync and background requests would be refused here, and would muddy the
tests' record of every request a page makes).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


@contextmanager
def chromium(*extra_args: str) -> Iterator[Browser]:
    """A headless Chromium for the length of the block."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()
