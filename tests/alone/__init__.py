"""Settings modules with one of our apps at a time, and the probe that runs under each."""
