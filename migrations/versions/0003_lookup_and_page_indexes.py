"""indexes for the indicator look-up and the pages' per-member and per-pattern figures

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 23:50:00

"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("indicator_sighting", schema=None) as batch_op:
        batch_op.drop_index("ix_indicator_sighting_token")
        batch_op.create_index("ix_indicator_sighting_token", ["token", "kind", "case_id"], unique=False)
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_pattern_id")
        batch_op.create_index("ix_case_pattern_status", ["pattern_id", "status", "member_id"], unique=False)
        batch_op.create_index(
            "ix_case_member_status", ["member_id", "status", "occurred_at", "submitted_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_index("ix_case_member_status")
        batch_op.drop_index("ix_case_pattern_status")
        batch_op.create_index("ix_case_pattern_id", ["pattern_id"], unique=False)
    with op.batch_alter_table("indicator_sighting", schema=None) as batch_op:
        batch_op.drop_index("ix_indicator_sighting_token")
        batch_op.create_index("ix_indicator_sighting_token", ["token", "kind"], unique=False)
