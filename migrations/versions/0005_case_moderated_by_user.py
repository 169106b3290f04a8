"""case.moderated_by_user: decisions taken on the web pages name the person who took them

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 01:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moderated_by_user", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_case_moderated_by_user_user"), "user", ["moderated_by_user"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("case", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("fk_case_moderated_by_user_user"), type_="foreignkey")
        batch_op.drop_column("moderated_by_user")
