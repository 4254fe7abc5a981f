"""Python's own type names for the values a VidGear peer got, so a test can tell 21.0 (float) from 21 (int)."""


def types_of(value):
    """The Python type names in a value: {"t": "float"} for {"t": 21.0}, ["int", "str"] for [1, "a"]."""
    if isinstance(value, dict):
        return {k: types_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [types_of(v) for v in value]
    return type(value).__name__
