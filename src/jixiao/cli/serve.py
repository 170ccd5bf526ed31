"""`jixiao serve`: migrate the database, load the demo when it is empty, and serve the web app.

Django is imported inside the command, so the rest of the CLI works without the web extra.
"""

from __future__ import annotations

import importlib
import os
from typing import Annotated

import typer


def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    demo: Annotated[bool, typer.Option("--demo/--no-demo", help="数据库为空时载入演示数据")] = True,
) -> None:
    """启动网页应用：迁移数据库，空库时载入演示数据，然后在 http://HOST:PORT 提供服务。"""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    if host not in ("127.0.0.1", "localhost", "0.0.0.0", "::"):
        os.environ.setdefault("JIXIAO_ALLOWED_HOSTS", f"127.0.0.1,localhost,{host}")
    try:
        import django
        from django.core.management import call_command
    except ImportError:
        typer.echo("错误：网页应用需要安装 web 扩展：pip install 'jixiao[web]'", err=True)
        raise typer.Exit(2) from None
    django.setup()
    from django.conf import settings
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

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
    typer.echo(f"jixiao 网页应用：http://{host}:{port}/   （Ctrl+C 停止）")
    try:
        run(host, port, get_wsgi_application(), ipv6=":" in host, threading=True, server_cls=WSGIServer)
    except KeyboardInterrupt:
        typer.echo("已停止。")
