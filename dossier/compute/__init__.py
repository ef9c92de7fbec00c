"""The second stage: every indicator of the framework computed from the facts into one `Evaluation` (one rule
class per evaluation type, the 差异系数, the gap list); `context.load` runs load and compute together.
"""
