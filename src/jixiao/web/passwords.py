"""Django's password rules with their messages in Chinese (its catalogue lacks some of them, which would show
English on the password page)."""

from __future__ import annotations

from django.contrib.auth import password_validation


class MinimumLength(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"密码太短，至少须有 {self.min_length} 个字符"

    def get_help_text(self) -> str:
        return f"密码至少须有 {self.min_length} 个字符"


class NotLikeTheUser(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return "密码与%(verbose_name)s太相近"

    def get_help_text(self) -> str:
        return "密码不能与用户名、姓名或电子邮箱相近"


class NotCommon(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return "这是常见密码，容易被猜中"

    def get_help_text(self) -> str:
        return "密码不能是常见密码"
