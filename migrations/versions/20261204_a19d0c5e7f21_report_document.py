"""The progress report's requisites per programme and the key-event marks

Revision ID: a19d0c5e7f21
Revises: 3c1f9e2ab7d4
Created: 2026-12-04 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = 'a19d0c5e7f21'
down_revision = '3c1f9e2ab7d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_requisites',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('addressee', sa.String(length=500), nullable=True),
    sa.Column('outgoing_number', sa.String(length=60), nullable=True),
    sa.Column('outgoing_date', sa.Date(), nullable=True),
    sa.Column('incoming_ref', sa.String(length=200), nullable=True),
    sa.Column('signer_position', sa.String(length=300), nullable=True),
    sa.Column('signer_name', sa.String(length=120), nullable=True),
    sa.Column('executor', sa.String(length=120), nullable=True),
    sa.Column('executor_phone', sa.String(length=60), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'],
                            name=op.f('fk_document_requisites_programme_id_programme'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'],
                            name=op.f('fk_document_requisites_updated_by_id_user')),
    sa.PrimaryKeyConstraint('programme_id', name=op.f('pk_document_requisites'))
    )
    op.create_table('key_event',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('marked_at', sa.DateTime(), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'],
                            name=op.f('fk_key_event_event_id_event'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['marked_by_id'], ['user.id'],
                            name=op.f('fk_key_event_marked_by_id_user')),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_key_event'))
    )


def downgrade():
    op.drop_table('key_event')
    op.drop_table('document_requisites')
