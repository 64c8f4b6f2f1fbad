"""Outside the product: helpers the tests and the benchmark share (a Chromium to drive, a client of
Streamlit's websocket), so that neither imports the other, and the scripts that rebuild vendored data."""
