"""Business logic of the web app. Views only call these; each workflow step is one function, one transaction."""
