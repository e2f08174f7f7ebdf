from dxkpi.ui.baseline import render

render()
