"""Review workspace (Department): the checklist per nominee, marks, findings, the list."""
