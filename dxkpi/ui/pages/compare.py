from dxkpi.ui.compare import render

render()
