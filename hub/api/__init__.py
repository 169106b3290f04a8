"""REST API (flask-smorest), one small package per resource."""
