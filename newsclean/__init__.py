"""newsclean: turn scraped news pages into clean article text."""

from newsclean.api import clean, load
from newsclean.document import Document
from newsclean.filters import Filter
from newsclean.pipeline import Pipeline, build_pipeline, default_pipeline

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Filter",
    "Pipeline",
    "__version__",
    "build_pipeline",
    "clean",
    "default_pipeline",
    "load",
]
