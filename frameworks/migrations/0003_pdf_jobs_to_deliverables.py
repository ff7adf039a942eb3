"""PDF jobs move to the `deliverables` app (the top floor), rows and all: here the table is
renamed and the model leaves this app's state; `deliverables.0001_pdf_jobs_from_frameworks`
takes it into its state without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0002_pdf_jobs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="pdfjob", table="deliverables_pdfjob"),
            ],
            state_operations=[
                migrations.DeleteModel(name="PdfJob"),
            ],
        ),
    ]
