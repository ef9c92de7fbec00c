"""Load and compute: the first two stages, composed. Every later stage starts from a `Context`."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dossier.compute import evaluate

from dossier.load import facts

from dossier.config import framework
from dossier.core.errors import Problem
from dossier.config.framework import Framework
from dossier.compute.model import Evaluation, Facts
from dossier.config.project import Project, load_project


@dataclass
class Context:
    project: Project
    framework: Framework
    facts: Facts
    evaluation: Evaluation


def load(folder: Path | str) -> Context:
    project = load_project(folder)
    where = Problem("", file=project.config_file, line=project.line("框架"))
    fw = framework.load(project.framework_name, project.root, where)
    loaded = facts.load(project, fw)
    return Context(project, fw, loaded, evaluate.evaluate(project, fw, loaded))
