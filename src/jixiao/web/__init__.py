"""The jixiao web application (Django): units fill in and submit target tables, reviewers return or approve.

The core never imports this package. Business logic lives in :mod:`jixiao.web.services`; views only call it.
"""
