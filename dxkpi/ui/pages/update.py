from dxkpi.ui.update import render

render()
