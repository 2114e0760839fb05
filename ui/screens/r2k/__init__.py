"""Reg-2000 screens (Decree No. 330 of 2000): the reservists and the list requests, shown on a
``reg2000-authority`` or ``reg2000-body`` workstation."""
