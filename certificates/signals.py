"""What the certificates app announces: `documents_requested`, sent after the transaction that
created or reset certificates has committed, with `certificates` (a list of `(id, number)`
pairs) whose documents a worker should issue. `certificates.handlers` queues the task."""

from django.dispatch import Signal

documents_requested = Signal()
