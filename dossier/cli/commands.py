"""The `dossier` command: click commands that parse arguments, call `dossier.api` and print. Help texts and
messages are Chinese. The working folder matters only here: content/ and build/ are found from it."""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

from dossier import __version__, api
from dossier.build.progress import terminal_listener
from dossier.core import cleanup, quiet
from dossier.core.errors import DossierError
from dossier.core.files import write_reason

DEFAULT_CONTENT = Path("content")
DEFAULT_BUILD = Path("build")


def friendly(fn):
    """Turn a DossierError into a readable list of problems and exit status 2, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        cleanup.on_terminate()
        try:
            return fn(*args, **kwargs)
        except DossierError as exc:
            quiet.release()              # a converter thread may still hold fd 2
            click.echo(f"发现 {len(exc.problems)} 处问题，请修改后重试：", err=True)
            for i, problem in enumerate(exc.problems, 1):
                click.echo(f"  {i}. {problem}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            quiet.release()              # a converter thread may still hold fd 2
            click.echo("已中断。之前的输出保持不变。", err=True)
            sys.exit(130)
        except OSError as exc:
            quiet.release()              # a converter thread may still hold fd 2
            where = f"“{exc.filename}”" if getattr(exc, "filename", None) else ""
            click.echo(f"无法读写文件{where}：{write_reason(exc)}（请检查路径、权限和磁盘空间；之前的输出保持不变）", err=True)
            sys.exit(2)
        except MemoryError:
            quiet.release()              # a converter thread may still hold fd 2
            click.echo("内存不足，构建已停止（之前的输出保持不变；请关闭其他程序后重试）", err=True)
            sys.exit(2)
        except Exception as exc:  # an internal error: say so plainly; details with DOSSIER_DEBUG=1
            quiet.release()              # a converter thread may still hold fd 2
            if os.environ.get("DOSSIER_DEBUG"):
                raise
            click.echo(f"dossier 内部错误：{type(exc).__name__}: {exc}", err=True)
            click.echo("这不是您的数据问题。请设置环境变量 DOSSIER_DEBUG=1 重新运行，并把输出反馈给维护人员。", err=True)
            sys.exit(3)

    return wrapper


def project_dirs(folder: str | None) -> list[Path]:
    """The project folders a command works on: the one given, or every project under content/."""
    if folder:
        return [Path(folder)]
    found = api.find_projects(DEFAULT_CONTENT) if DEFAULT_CONTENT.is_dir() else []
    if not found:
        raise DossierError("未指定项目文件夹，且 content/ 下没有含 dossier.yaml 的项目（可用 dossier init 新建）")
    return found


def shown(path: Path) -> str:
    """A path as printed: relative to the working folder when it is inside it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class Command(click.Command):
    """A command whose usage line reads in Chinese: `dossier check [选项] [项目文件夹]`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    command_class = Command


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, cls=Group, options_metavar="[选项]",
             subcommand_metavar="命令 [参数]...")
@click.version_option(__version__, "-V", "--version", message="dossier %(version)s")
def main():
    """dossier：义务教育优质均衡发展督导评估迎检材料工具。

    由学校基础数据、县级指标数据和人员名单，计算全部评估指标、起草文稿、装订佐证材料。
    """


@main.command("frameworks")
@click.argument("action", metavar="[show]", required=False, type=click.Choice(["show"]))
@click.argument("name", metavar="[框架名]", required=False)
@click.option("--dir", "project", type=click.Path(), help="项目文件夹（用于查找项目自带的框架文件）")
@friendly
def frameworks_cmd(action, name, project):
    """列出可用的指标框架；show 框架名 打印指标树。"""
    if action == "show":
        if not name:
            raise DossierError("请指定框架名称，如：dossier frameworks show youzhi-2017")
        click.echo(api.framework_tree(name, project))
        return
    for f in api.frameworks(project):
        where = "" if f.bundled else f"  [{f.source}]"
        scored = f"，满分{f.scoring.max:g}分" if f.scoring else ""
        click.echo(f"{f.id:<14}{f.title}（{f.kind}，{len(f.leaves())}项指标{scored}） {f.basis}{where}")


@main.command("check")
@click.argument("folder", metavar="[项目文件夹]", required=False, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出全部结果")
@click.option("--strict", is_flag=True, help="有未达标项时以退出码 1 结束")
@friendly
def check_cmd(folder, as_json, strict):
    """校验数据，计算全部指标，打印达标情况、差异系数和问题清单。"""
    results = [api.check(path) for path in project_dirs(folder)]
    if as_json:
        docs = [r.to_json() for r in results]
        # one line: read by programs (the C encoder is 6× faster than indenting); `python -m json.tool` pretty-prints
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False))
    else:
        for r in results:
            click.echo(r.text())
    if strict and any(r.missed for r in results):
        sys.exit(1)


@main.command("export-table")
@click.argument("folder", metavar="[项目文件夹]", required=False, type=click.Path())
@click.option("--out", type=click.Path(), help="输出文件（默认 build/<项目名>/评估表.xlsx）")
@friendly
def export_table_cmd(folder, out):
    """把评估结果导出为 评估表.xlsx（每学段一张表列出逐校指标，另一张为其他指标）。"""
    for path in project_dirs(folder):
        target = Path(out) if out else api.default_build_dir(path, DEFAULT_BUILD) / "评估表.xlsx"
        click.echo(f"已写出 {api.export_table(path, target)}")


def _draft_help() -> str:
    names = "、".join(k + ("（学校为自查报告）" if k == "自评报告" else "") for k in api.draft_kinds())
    return (f"起草文稿。文种：{names}；写“全部”（或 all）起草每一种。\n\n"
            "文稿中的数字全部取自计算结果；项目文件夹 templates/ 中的同名模板（如 自评报告.docx、自评报告.md.j2）会代替内置模板。")


@main.command("draft", help=_draft_help(), short_help="起草文稿：实施方案、自评报告、工作计划、问题清单、整改报告等。")
@click.argument("kind", metavar="文种")
@click.argument("folder", metavar="[项目文件夹]", required=False, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "both"]), default="both", show_default=True,
              help="输出格式：docx（Word 公文格式）、md（Markdown）或 both（两种都输出）")
@click.option("--out", type=click.Path(),
              help="输出文件夹（默认 build/<项目名>/drafts/）；只起草一种文稿、一种格式时也可以是文件名")
@friendly
def draft_cmd(kind, folder, fmt, out):
    kinds = None if kind in ("全部", "all") else [kind]
    formats = ("docx", "md") if fmt == "both" else (fmt,)
    for path in project_dirs(folder):
        target = Path(out) if out else api.default_build_dir(path, DEFAULT_BUILD) / "drafts"
        for written in api.draft(path, kinds, target, formats).written:
            click.echo(f"已写出 {written}")


@main.command("init")
@click.argument("folder", metavar="项目文件夹", type=click.Path())
@click.option("--level", type=click.Choice(["county", "school"]), default="county", show_default=True,
              help="county：县级项目；school：学校项目")
@click.option("--framework", "framework", metavar="框架名或文件",
              help="指标框架：内置框架名（见 dossier frameworks）或框架文件（复制进新项目）；默认为优质均衡（教督〔2017〕6号）")
@friendly
def init_cmd(folder, level, framework):
    """在项目文件夹生成带注释的项目骨架（dossier.yaml、指标数据、学校基础数据表，按框架的指标建好的佐证材料
    文件夹和佐证材料清单）。"""
    for path in api.init(folder, level, framework):
        click.echo(f"已生成 {path}")


@main.command("build")
@click.argument("folder", metavar="[项目文件夹]", required=False, type=click.Path())
@click.option("--out", type=click.Path(), help="输出文件夹（默认 build/<项目名>/；构建多个项目时为其上级文件夹）")
@click.option("--keep-going", is_flag=True, help="单个文件有问题时记入该卷的卷内备考表并继续，而不是停止构建")
@friendly
def build_cmd(folder, out, keep_going):
    """生成全套材料：校验与计算、文稿、评估表、每个指标一卷的佐证材料 PDF、总目录、脊背、覆盖情况和清单。

    不指定项目文件夹时构建 content/ 下的每个项目。构建先写入临时文件夹，全部完成后才替换上一次的结果；
    未改动的案卷直接沿用缓存（build/.cache/）。
    """
    dirs = project_dirs(folder)
    for i, path in enumerate(dirs):
        if out:
            target = Path(out) if len(dirs) == 1 else api.default_build_dir(path, out)
        else:
            target = api.default_build_dir(path, DEFAULT_BUILD)
        result = api.build(path, target, keep_going=keep_going, listener=terminal_listener())
        if i:
            click.echo("")
        for line in result.summary(shown):
            click.echo(line)


@main.command("verify")
@click.argument("build_dir", metavar="构建文件夹", type=click.Path())
@friendly
def verify_cmd(build_dir):
    """按 构建文件夹中的 manifest.json 重新计算每个输出文件的 SHA-256，列出被改动、缺失或多出的文件；
    manifest.json 本身按 manifest.json.sha256 核对。也可核验 dossier package 写出的归档包（先按 BagIt 清单，
    再核验其中的构建结果）。

    全部一致时退出码为 0，否则为 1。
    """
    result = api.verify(build_dir)
    if not result.ok:
        click.echo(f"核验未通过：{build_dir} 中有 {len(result.problems)} 处与清单不符：", err=True)
        for i, problem in enumerate(result.problems, 1):
            click.echo(f"  {i}. {problem}", err=True)
        sys.exit(1)
    what = "归档包（BagIt 清单）及其中" if (Path(build_dir) / "bagit.txt").is_file() else ""
    click.echo(f"核验通过：{build_dir} {what}{len(result.manifest.get('outputs', []))} 个文件与 manifest.json 完全一致"
               f"（构建时间 {result.manifest.get('build_time', '')}）。")


@main.command("package")
@click.argument("build_dir", metavar="构建文件夹", type=click.Path())
@click.argument("out", metavar="归档包文件夹", type=click.Path())
@friendly
def package_cmd(build_dir, out):
    """把构建结果打成归档包（BagIt 格式，RFC 8493）：先核验构建结果，再写出 data/（全部输出）、
    SHA-256 与 SHA-512 清单和 bag-info.txt（全宗名称、档号规则、单位、指标框架、构建时间）。

    归档包文件夹须尚不存在。之后可用 dossier verify 归档包文件夹 核验。
    """
    bag = api.package(build_dir, out)
    click.echo(f"已写出归档包：{bag}（BagIt，SHA-256 与 SHA-512 清单）。核验：dossier verify {bag}")


@main.command("serve")
@click.argument("folders", metavar="[项目文件夹]...", nargs=-1, type=click.Path())
@click.option("--host", metavar="地址", default="127.0.0.1", show_default=True, help="监听地址（默认只接受本机访问；局域网使用时写 0.0.0.0）")
@click.option("--port", metavar="端口", default=8000, show_default=True, type=int, help="端口")
@click.option("--data", "data_dir", metavar="文件夹", default=".dossier", show_default=True, type=click.Path(),
              help="网页版的数据文件夹（SQLite 数据库、密钥、构建快照）；设置环境变量 DATABASE_URL 时改用 PostgreSQL")
@click.option("--build-dir", metavar="文件夹", default=str(DEFAULT_BUILD), show_default=True, type=click.Path(),
              help="构建输出的上级文件夹（每个项目写到其中的 <项目名>/）")
@click.option("--create-admin", "admin_name", metavar="用户名",
              help="创建（或重设）管理员账号后退出；密码取自环境变量 DOSSIER_ADMIN_PASSWORD，未设置时提示输入")
@click.option("--if-missing", is_flag=True, help="与 --create-admin 同用：账号已存在时不作改动")
@friendly
def serve_cmd(folders, host, port, data_dir, build_dir, admin_name, if_missing):
    """启动网页版：多人在浏览器中查看结果、上传佐证材料、起草文稿和构建。

    可写多个项目文件夹；不写时为 content/ 下的每个项目。首次启动前用 --create-admin 创建管理员，
    再在“用户管理”中为其他人建立账号并分配角色（牵头、责任单位、查阅）。
    """
    from dossier.web import server
    dirs = [Path(f) for f in folders] if folders else project_dirs(None)
    for d in dirs:
        if not (d / "dossier.yaml").is_file():
            raise DossierError(f"不是项目文件夹（缺少 dossier.yaml）：{d}")
    server.setup(dirs, Path(build_dir), Path(data_dir), host=host)
    if admin_name:
        password = os.environ.get("DOSSIER_ADMIN_PASSWORD") or click.prompt(
            f"管理员 {admin_name} 的密码", hide_input=True, confirmation_prompt="再输入一次")
        from django.core.exceptions import ValidationError
        try:
            created = server.create_admin(admin_name, password, if_missing=if_missing)
        except ValidationError as exc:
            raise DossierError([f"密码不符合要求：{m}" for m in exc.messages])
        click.echo(f"已创建管理员 {admin_name}" if created else f"管理员 {admin_name} 已存在，未作改动")
        return
    click.echo(f"dossier 网页版：http://{host}:{port}/ （{'、'.join(d.resolve().name for d in dirs)}；按 Ctrl+C 停止）")
    server.run(host, port)


if __name__ == "__main__":  # pragma: no cover
    main()
