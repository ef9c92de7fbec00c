"""Password rules in Chinese: Django's minimum-length check, worded as people here read it (the Chinese catalogue
Django ships leaves this one message in English)."""
from django.contrib.auth.password_validation import MinimumLengthValidator


class MinimumLength(MinimumLengthValidator):
    def get_error_message(self):
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少需要 {self.min_length} 个字符。"
