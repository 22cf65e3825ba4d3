"""moderation classifier: its opinion on queue entries, its per-language precision

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 08:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('moderation_classifier_stats',
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.Column('upheld', sa.Integer(), nullable=False),
    sa.Column('rejected', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('language', name=op.f('pk_moderation_classifier_stats'))
    )
    with op.batch_alter_table('moderation_queue', schema=None) as batch_op:
        batch_op.add_column(sa.Column('classifier', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('moderation_queue', schema=None) as batch_op:
        batch_op.drop_column('classifier')
    op.drop_table('moderation_classifier_stats')
