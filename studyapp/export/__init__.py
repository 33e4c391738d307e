"""Writers of the files StudyApp exports (essay plans, …), each written atomically."""
