"""Background work on the one asyncio loop (qasync): a slot where the latest request wins."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class LatestTask(Generic[T]):
    """Runs blocking engine work off the GUI thread. Starting a new run cancels the previous
    one, so a result that arrives late (an old search, an old view) is never shown."""

    def __init__(
        self, done: Callable[[T], None], failed: Callable[[BaseException], None] | None = None
    ):
        self._done = done
        self._failed = failed
        self._task: asyncio.Future[None] | None = None
        # The qasync loop set at start-up. Its callbacks run whenever Qt processes events,
        # also inside a nested Qt event loop (a modal dialog, the screenshot wait).
        self._loop = asyncio.get_event_loop()

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, work: Callable[[], T]) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = asyncio.ensure_future(self._run(work), loop=self._loop)

    async def _run(self, work: Callable[[], T]) -> None:
        try:
            result = await self._loop.run_in_executor(None, work)
        except Exception as error:
            log.exception("background work failed")
            if self._failed is not None:
                self._failed(error)
            return
        self._done(result)
