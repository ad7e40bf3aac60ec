"""Celery tasks (autodiscovered as `reviews.tasks`), one module per area."""

from .documents import *  # noqa: F403
from .letters import *  # noqa: F403
from .recommendations import *  # noqa: F403
from .recovery import *  # noqa: F403
