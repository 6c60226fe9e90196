"""The package version (kept equal to the CMake project version)."""

__version__ = "0.1.0"
