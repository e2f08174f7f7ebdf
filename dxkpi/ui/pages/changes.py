from dxkpi.ui.changes import render

render()
