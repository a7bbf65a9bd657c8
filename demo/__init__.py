"""Demo content for `manage.py load_demo`: original articles, a catalogue of
recovery products and the illustrations drawn for both at load time."""
