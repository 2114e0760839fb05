"""The dossier wizard (QWizard) over ``app.services.dossier_flow``: one module per page."""
