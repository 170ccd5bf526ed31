"""`jixiao serve`: migrate the database, load the demo when it is empty, and serve the web app.

The app is served by gunicorn with ``--workers`` processes; ``--dev`` runs Django's development server
instead (one process, threads, for working on the app). Django and gunicorn are imported inside the
command, so the rest of the CLI works without the web extra.
"""

from __future__ import annotations

import importlib
import os
from typing import Annotated, Any

import typer


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    workers: Annotated[int, typer.Option("--workers", "-w", help="gunicorn 工作进程数（0：按 CPU 核数 ×2+1）")] = 2,
    dev: Annotated[bool, typer.Option("--dev", help="用 Django 开发服务器（单进程，仅供开发）")] = False,
    demo: Annotated[bool, typer.Option("--demo/--no-demo", help="数据库为空时载入演示数据")] = True,
) -> None:
    """启动网页应用：迁移数据库，空库时载入演示数据，然后在 http://HOST:PORT 提供服务（gunicorn）。"""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    if host not in ("127.0.0.1", "localhost", "0.0.0.0", "::"):
        os.environ.setdefault("JIXIAO_ALLOWED_HOSTS", f"127.0.0.1,localhost,{host}")
    if workers < 0:
        typer.echo("错误：--workers 不能是负数", err=True)
        raise typer.Exit(2)
    try:
        import django
        from django.core.management import call_command
    except ImportError:
        typer.echo("错误：网页应用需要安装 web 扩展：pip install 'jixiao[web]'", err=True)
        raise typer.Exit(2) from None
    django.setup()
    from django.conf import settings
    from django.db import connections

    # imported by name: the web package is Django code, outside the core's strict type check
    demo_data = importlib.import_module("jixiao.web.services.demo")

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo(f"数据库：{settings.DATABASES['default']['NAME']}")
    if demo and demo_data.is_empty():
        passwords = demo_data.load()
        typer.echo("已载入演示数据（六张 2024 年目标表）。演示账号（密码只显示这一次）：")
        for username, password in passwords.items():
            _role, display, _place = demo_data.USERS[username]
            typer.echo(f"  {display:<14}  用户名 {username:<13} 密码 {password}")
    connections.close_all()  # no connection of this process is shared with the forked workers
    if dev:
        _dev_server(host, port)
    else:
        _gunicorn(host, port, workers or (os.cpu_count() or 1) * 2 + 1)


def _dev_server(host: str, port: int) -> None:
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

    typer.echo(f"jixiao 网页应用（开发服务器）：http://{host}:{port}/   （Ctrl+C 停止）")
    try:
        run(host, port, get_wsgi_application(), ipv6=":" in host, threading=True, server_cls=WSGIServer)
    except KeyboardInterrupt:
        typer.echo("已停止。")


def _gunicorn(host: str, port: int, workers: int) -> None:
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:
        typer.echo("错误：gunicorn 未安装（pip install 'jixiao[web]'）；开发时可用 jixiao serve --dev", err=True)
        raise typer.Exit(2) from None
    from django.core.wsgi import get_wsgi_application

    # the limits of the app's serving configuration (one request's time after the readers' own limit …)
    limits = importlib.import_module("jixiao.web.gunicorn_conf")
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    options: dict[str, Any] = {
        "bind": bind, "workers": workers, "accesslog": "-", "errorlog": "-",
        "worker_tmp_dir": "/dev/shm" if os.path.isdir("/dev/shm") else None,
        **{name: getattr(limits, name) for name in limits.LIMITS},
    }  # fmt: skip

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self) -> Any:
            return get_wsgi_application()

    typer.echo(f"jixiao 网页应用：http://{bind}/   （gunicorn，{workers} 个工作进程；Ctrl+C 停止）")
    Server().run()
