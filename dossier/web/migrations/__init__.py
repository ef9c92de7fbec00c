"""Migrations of the web app (made by Django's makemigrations)."""
