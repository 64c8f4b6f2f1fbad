"""Loading and validating the tables of ``data/`` (pure: no Streamlit here)."""

from components.data.loading import DATA_DIR, DataError, Dataset, files_state, load_dataset
from components.data.records import Problem
from components.data.validation import check_folder

__all__ = ["DATA_DIR", "DataError", "Dataset", "Problem", "check_folder", "files_state", "load_dataset"]
