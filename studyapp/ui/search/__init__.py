"""The search box: find anything from the toolbar and open it in its tab."""
