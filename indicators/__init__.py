"""The pure-Python core of the smart-regency dashboard: register, data, scoring, geometry.

Never imports streamlit (a test proves it): DataFrames in, DataFrames out, deterministic.
"""
