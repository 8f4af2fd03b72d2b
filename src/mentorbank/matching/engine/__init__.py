"""The matching engine: plain Python, no Django. Dataclasses and arrays in, assignments out."""

from .assignment import OBJECTIVES, Problem, Solution, solve, solve_arrays

__all__ = ["OBJECTIVES", "Problem", "Solution", "solve", "solve_arrays"]
