"""The emulator beyond one package: `endpoint` serves every generated package's mock on one
port (`tcgen mock`), `pytest_plugin` gives tests the in-process `tencent_mock` fixture."""
