"""Reads for pages and exports, shaped so that a page costs a fixed number of queries."""
