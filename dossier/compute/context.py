"""Load and compute, composed: the project, its framework, its facts and their evaluation in one `Context`.
Every later stage starts from a Context and never recomputes a figure."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.compute.evaluate import evaluate
from dossier.config import framework
from dossier.config.framework import Framework
from dossier.config.project import Project, load_project
from dossier.core.errors import Problem
from dossier.compute.model import Evaluation
from dossier.compute.rectify import Rectification, rectification
from dossier.load import facts
from dossier.load.model import Facts


@dataclass
class Context:
    project: Project
    framework: Framework
    facts: Facts
    evaluation: Evaluation
    rectification: Rectification       # each gap's measure, due date and what has been done about it


def load(folder: Path | str) -> Context:
    project = load_project(folder)
    where = Problem("", file=project.config_file, line=project.line("框架"))
    fw = framework.load(project.framework_name, project.root, where)
    loaded = facts.load(project, fw)
    evaluation = evaluate(project, fw, loaded)
    return Context(project, fw, loaded, evaluation, rectification(project, fw, loaded, evaluation))
