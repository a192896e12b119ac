"""Runs the tests on the careerlib of this checkout (python/), whatever is
installed, and on the library of this checkout unless CAREER_LIBRARY says
otherwise."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
