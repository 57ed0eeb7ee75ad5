"""Publishing: one version per mandate period with mike, kept, compared and exported.

``python -m publishing publish|changes|export`` (make publish, make changes, make
export). Published adopted versions are never overwritten or changed without a
recorded correction; every other version stays byte for byte as it was.
"""


class PublishError(Exception):
    """A refusal, worded in Swedish for the publisher."""
