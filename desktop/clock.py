"""Wall-clock time in whole UTC seconds, the unit every table stores."""

import time
from collections.abc import Callable

Clock = Callable[[], int]


def system_clock() -> int:
    return int(time.time())
