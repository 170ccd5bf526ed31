"""Thin views: find the object in the user's scope, check the permission, call a service, render."""
