class ImportProblem(Exception):
    """A file that cannot be imported, with the line the problem is on (1-based, 0 = file)."""

    def __init__(self, reason: str, line: int = 0):
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def located(self, path) -> str:
        return f"{path}:{self.line}: {self.reason}"
