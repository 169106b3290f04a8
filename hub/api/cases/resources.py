"""``/api/v1/cases``: members submit, list, read and withdraw their own cases."""

from __future__ import annotations

from flask import current_app, g, request
from flask.views import MethodView

from hub.api.base import Blueprint
from hub.api.cases.schemas import (
    BulkResultSchema,
    BulkUploadFormSchema,
    CaseCreateSchema,
    CaseListArgsSchema,
    CasePageSchema,
    CaseSchema,
)
from hub.auth import require
from hub.models import Role
from hub.services import cases as service
from hub.services import uploads

blp = Blueprint("cases", __name__, url_prefix="/cases", description="Cases submitted by members")


@blp.route("")
class Cases(MethodView):
    @require(Role.MEMBER)
    @blp.arguments(CaseListArgsSchema, location="query")
    @blp.response(200, CasePageSchema)
    def get(self, args):
        """List the caller's own cases, newest first (cursor pagination)."""
        page = service.list_own_cases(g.member, args)
        page["items"] = [service.present(c) for c in page["items"]]
        return page

    @require(Role.MEMBER)
    @blp.arguments(CaseCreateSchema)
    @blp.response(201, CaseSchema)
    @blp.alt_response(
        200, schema=CaseSchema, description="The same case was already stored (idempotent repeat)."
    )
    @blp.alt_response(409, description="The external_ref is used by a case with other content.")
    def post(self, data):
        """Submit one case. The narrative and indicators are anonymized before anything is stored."""
        case, created = service.submit_case(g.member, data)
        return (service.present(case), 201 if created else 200)


@blp.route("/bulk")
class BulkCases(MethodView):
    @require(Role.MEMBER)
    @blp.arguments(BulkUploadFormSchema, location="query")
    @blp.response(200, BulkResultSchema)
    @blp.doc(
        requestBody={
            "description": "A JSON array, JSON Lines or CSV, as the body or as the `file` part of a "
            "multipart/form-data upload. At most 10,000 rows.",
            "content": {
                "application/json": {
                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/CaseCreate"}}
                },
                "application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            },
        }
    )
    def post(self, args):
        """Upload many cases; every row is answered as created, duplicate or error."""
        if request.mimetype == "multipart/form-data":
            upload = request.files.get("file")
            if upload is None:
                raise uploads.BadUpload("send the file in a form field named file", {"file": ["missing"]})
            fmt = uploads.detect_format(upload.mimetype, upload.filename)
            data = upload.read()
        else:
            fmt = uploads.detect_format(request.mimetype)
            data = request.get_data(cache=False)
        if fmt is None:
            raise uploads.UnsupportedUpload("send JSON, JSON Lines or CSV", {"file": ["unknown format"]})
        rows = uploads.parse_rows(data, fmt, current_app.config["BULK_MAX_ROWS"], args["encoding"])
        results = service.submit_many(g.member, rows)
        counts = {s: sum(1 for r in results if r.status == s) for s in ("created", "duplicate", "error")}
        return {**counts, "rows": results}


@blp.route("/<case_id>")
class CaseById(MethodView):
    @require(Role.MEMBER)
    @blp.response(200, CaseSchema)
    def get(self, case_id):
        """Read one of the caller's own cases; any other id is 404."""
        return service.present(service.get_own_case(g.member, case_id))

    @require(Role.MEMBER)
    @blp.response(204)
    @blp.alt_response(409, description="The case is no longer pending.")
    def delete(self, case_id):
        """Withdraw one of the caller's own cases while it is still pending."""
        service.withdraw_case(g.member, case_id)
